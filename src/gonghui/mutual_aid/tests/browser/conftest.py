"""The suite's Playwright fixtures (tests/browser/conftest.py), for the mutual-aid journey."""

from tests.browser.conftest import (  # noqa: F401  (fixtures and the failure-screenshot hook)
    browser,
    chromium_path,
    page,
    pytest_runtest_makereport,
    screenshot,
    viewport,
)
