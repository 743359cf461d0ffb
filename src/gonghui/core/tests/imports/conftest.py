import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English (the Chinese catalogue is the translator's)."""
    with translation.override("en"):
        yield
