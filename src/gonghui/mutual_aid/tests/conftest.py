import pytest
from tests.fixtures import make_user

from gonghui.members.models import Person
from gonghui.mutual_aid.tests import factories


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "gonghui.core.files.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}


@pytest.fixture
def period(world):
    return factories.make_period(world, number=22)


@pytest.fixture
def staff(world):
    """Separate people for each duty: filer (grassroots officer), county reviewer, prefecture reviewer, county
    cashier."""
    return {
        "filer": world.user("grassroots_officer"),
        "reviewer": make_user("ma_reviewer", roles=[(world.wuhua, "mutual_aid_reviewer")]),
        "senior": make_user("ma_senior", roles=[(world.kunming, "mutual_aid_reviewer")]),
        "cashier": make_user("ma_cashier", roles=[(world.wuhua, "mutual_aid_cashier")]),
    }


@pytest.fixture
def covered(world, period):
    """张伟 (the worker) and 李娜, enrolled and covered in the period."""
    persons = {p.name: p for p in Person.objects.filter(name__in=["张伟", "李娜"])}
    for person in persons.values():
        factories.enrol(person, period)
    return persons

