import pytest
from tests.fixtures import make_user

from gonghui.rights.tests import factories


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "gonghui.core.files.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}


@pytest.fixture
def officer(world):
    return world.user("county_officer")  # org_admin at Wuhua: rights.manage, papers


@pytest.fixture
def lawyer(world):
    user = make_user("rights_lawyer", roles=[(world.wuhua, "rights_case_worker")])
    return user, factories.make_case_worker(world.wuhua, user, role="lawyer", name="李律师")


@pytest.fixture
def mediator(world):
    user = make_user("rights_mediator", roles=[(world.wuhua, "rights_case_worker")])
    return user, factories.make_case_worker(world.wuhua, user, role="mediator", name="王调解员")
