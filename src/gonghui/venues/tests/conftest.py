import pytest

from gonghui.venues import index, throttle


@pytest.fixture(autouse=True)
def _fresh_venue_index():
    """The index lives in the process; each test's database is new, so start each test with a rebuild. Rate-limit
    counters live in the process's cache: each test starts with none."""
    index.forget()
    throttle.reset()
    yield
    index.forget()


@pytest.fixture
def private_storage(settings, tmp_path):
    """Uploads (photos, import files, reports) go to a temporary private folder."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "gonghui.core.files.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    return tmp_path
