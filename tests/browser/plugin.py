"""Playwright (sync API) driving the system's Chromium against pytest-django's live server.

A plugin of the whole suite (root conftest.py), not a conftest: the browser tests of every app share one
``browser`` per session — two sync Playwright instances cannot run in one process.

Fixtures: ``browser`` (one per session), ``page`` (a fresh context per test; override ``viewport`` by
parametrizing it), ``screenshot`` (saves PNGs into test-artifacts/, which CI keeps as artefacts).
Tests that use them are marked ``@pytest.mark.browser``; `-m "not browser"` skips them.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def _install_chromium() -> None:
    """Last resort on a Debian/Ubuntu test machine (as root): install the system Chromium."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, check=False,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not CHROMIUM.exists():
        _install_chromium()
    if not CHROMIUM.exists():
        pytest.skip("the system Chromium (/usr/bin/chromium) is not installed: run `make chromium`")
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread while it lives, which Django's ORM takes for an
    # async context; the tests' own ORM calls (setting up data between page actions) are synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=chromium_path, headless=True,
                                                  args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def viewport() -> dict:
    return DESKTOP


def _artifact_name(request, label: str) -> Path:
    test = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name).strip("_")
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{test}--{label}.png"


@pytest.fixture
def page(browser, live_server, viewport, request):
    context = browser.new_context(viewport=viewport, base_url=live_server.url, locale="zh-CN",
                                  timezone_id="Asia/Shanghai")
    context.set_default_timeout(10_000)
    page = context.new_page()
    # Every browser test also proves its pages run under the Content-Security-Policy: Chromium reports each
    # refused script, style or image on the console, and the test fails on any of them.
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.csp_violations = violations
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        page.screenshot(path=str(_artifact_name(request, "failure")), full_page=True)
    context.close()
    if failed is not None and failed.passed:
        assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.fixture
def screenshot(page, request):
    """screenshot("card") saves test-artifacts/<test>--card.png and returns its path."""

    def save(label: str, *, full_page: bool = True) -> Path:
        path = _artifact_name(request, label)
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep the call's outcome on the item, so `page` can take a screenshot of a failure.
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
