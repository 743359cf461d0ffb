import pytest

from gonghui.venues import index


@pytest.fixture(autouse=True)
def _fresh_venue_index():
    """The index lives in the process; each test's database is new, so start each test with a rebuild."""
    index.forget()
    yield
    index.forget()
