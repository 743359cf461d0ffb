import pytest


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "gonghui.core.files.EncryptedFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
