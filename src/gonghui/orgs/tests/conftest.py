import pytest
from tests.fixtures import make_user


@pytest.fixture
def admins(world):
    """The three administrators apart (三员分立), and security administrators at three levels of the tree: the
    second person of a grant is another one of them."""
    return {
        "system": make_user("wuhua_system", roles=[(world.wuhua, "system_admin")], totp=True),
        "security": make_user("wuhua_security", roles=[(world.wuhua, "security_admin")], totp=True),
        "security2": make_user("kunming_security", roles=[(world.kunming, "security_admin")], totp=True),
        "security3": make_user("yunnan_security", roles=[(world.province, "security_admin")], totp=True),
    }
