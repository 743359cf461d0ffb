import pytest


@pytest.fixture
def private_storage(settings, tmp_path):
    """Uploads (visit photos, authorisations, exit evidence) go to a temporary private folder."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "gonghui.core.files.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    return tmp_path
