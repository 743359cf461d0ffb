"""Suite-wide pytest settings: fast password hashing, the shared fixtures (tests/fixtures.py), and the log
capture that fails the run if a resident ID or mobile number reaches a log line (tests/logcapture.py)."""

import pytest
from tests.logcapture import CAPTURE

pytest_plugins = ["tests.fixtures", "tests.browser.plugin"]


@pytest.fixture(autouse=True, scope="session")
def _test_settings():
    """For the whole session, so that data built once for many tests (the world, a module's shared objects)
    is built under them too: fast password hashing; background jobs run in-process, synchronously, when
    their transaction commits; WhiteNoise finds static files when asked for one instead of indexing every file
    whenever a test client starts (0.1 s per client, most of an authorization-matrix row's time)."""
    from django.test import override_settings

    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        WHITENOISE_AUTOREFRESH=True,
    ):
        yield


# --- no personal data in the logs of the whole session --------------------------------------------------

@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    CAPTURE.install()  # after pytest-django's django.setup(), whose dictConfig resets the root's handlers


@pytest.fixture(autouse=True, scope="session")
def _capture_session_logs():
    CAPTURE.install()  # again, in case anything reconfigured logging since
    return CAPTURE


_FROM_WORKERS: list[str] = []


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist: collect what each worker found, so the controller decides the exit status."""
    found = getattr(node, "workeroutput", {}).get("personal_data_log_lines", [])
    _FROM_WORKERS.extend(found)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):  # an xdist worker: hand the findings to the controller
        session.config.workeroutput["personal_data_log_lines"] = CAPTURE.findings()
        return
    findings = CAPTURE.findings() + _FROM_WORKERS
    session.config._personal_data_findings = findings
    if findings:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    findings = getattr(config, "_personal_data_findings", [])
    if findings:
        terminalreporter.section("personal data in log lines", sep="=", red=True, bold=True)
        for line in findings[:50]:
            terminalreporter.write_line(line)
        terminalreporter.write_line(f"{len(findings)} log line(s) carry a resident ID or mobile number: "
                                    "the run fails (tests/logcapture.py).", red=True, bold=True)
