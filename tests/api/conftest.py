import pytest

from .openapi_check import session_client, token_client


@pytest.fixture
def as_token(world):
    """as_token("county_officer") -> an ApiClient authenticated with a fresh personal API token."""
    return lambda key: token_client(world.user(key))


@pytest.fixture
def as_session(world):
    return lambda key, **kwargs: session_client(world.user(key), **kwargs)
