"""Captures every log record of the test session, to prove that no resident ID number or mobile number ever
reaches a log line (DESIGN.md, "Testing"). Installed by the root conftest.py.

Three checks:
- raw: records of the project's loggers ("gonghui…") and of "django.request", taken BEFORE any scrubbing
  filter runs: the project code itself must never put personal data into a log message;
- output: every record, passed through the same PersonalDataFilter as the real console handler: what would
  be written out is clean, whoever logged it. The access logs (django.server, gunicorn.access, gunicorn.error)
  are captured too, also if a configuration stopped them from reaching the root;
- handlers: every handler that writes log lines (on the root or on any logger) carries the PersonalDataFilter,
  so no access log or library logger writes around it.
"""

import contextlib
import logging
import threading

from gonghui.core.logging import _ID15_RE, _ID_RE, _PHONE_RE, ACCESS_LOGGERS, PersonalDataFilter

RAW_LOGGERS = ("gonghui", "django.request")
PATTERNS = (("resident ID number", _ID_RE), ("resident ID number (15 digits)", _ID15_RE),
            ("mobile number", _PHONE_RE))
_formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")


def personal_data_in(text: str) -> list[str]:
    return [label for label, pattern in PATTERNS if pattern.search(text)]


def _render(record: logging.LogRecord) -> str:
    """The message as a handler would write it, with the traceback if there is one."""
    try:
        return _formatter.format(record)
    except Exception:  # a broken format string: check what we have
        return f"{record.name} {record.msg!r} {record.args!r}"


class _CaptureHandler(logging.Handler):
    def __init__(self, capture: "SessionLogCapture", kind: str):
        super().__init__(level=logging.NOTSET)
        self.capture, self.kind = capture, kind

    def emit(self, record: logging.LogRecord) -> None:
        self.capture.add(self.kind, record.name, _render(record))


class SessionLogCapture:
    def __init__(self):
        self.lines: list[tuple[str, str, str]] = []  # (kind, logger, rendered line)
        self._lock = threading.Lock()
        self._diversions: list[list] = []
        self.raw_handler = _CaptureHandler(self, "raw")
        self.output_handler = _CaptureHandler(self, "output")
        self.output_handler.addFilter(PersonalDataFilter())
        # On a logger that writes on its own (does not reach the root): no filter of its own, and added after the
        # logger's handlers, so it sees each record as they wrote it (scrubbed only if they scrub).
        self.own_output_handler = _CaptureHandler(self, "output")

    def install(self) -> None:
        """Idempotent; call after Django's logging setup (dictConfig replaces the root's handlers)."""
        for name in RAW_LOGGERS:
            logger = logging.getLogger(name)
            if self.raw_handler not in logger.handlers:
                logger.addHandler(self.raw_handler)  # a logger's own handlers run before the root's filters
        root = logging.getLogger()
        if self.output_handler not in root.handlers:
            root.addHandler(self.output_handler)
        for name in ACCESS_LOGGERS:  # access lines that do not reach the root are captured where they are
            logger = logging.getLogger(name)
            if not logger.propagate and self.own_output_handler not in logger.handlers:
                logger.addHandler(self.own_output_handler)

    def add(self, kind: str, logger: str, line: str) -> None:
        with self._lock:
            target = self._diversions[-1] if self._diversions else self.lines
            target.append((kind, logger, line))

    @contextlib.contextmanager
    def diverted(self):
        """Records logged inside the block go to the yielded list instead of the session's (for tests of the
        capture itself, which log personal data on purpose)."""
        captured: list = []
        with self._lock:
            self._diversions.append(captured)
        try:
            yield captured
        finally:
            with self._lock:
                self._diversions.remove(captured)

    def findings(self) -> list[str]:
        with self._lock:
            lines = list(self.lines)
        return [f"[{kind}] {', '.join(found)}: {line}" for kind, _logger, line in lines
                if (found := personal_data_in(line))] + unscrubbed_handlers()


def unscrubbed_handlers() -> list[str]:
    """Handlers that would write a line without the PersonalDataFilter (ours and pytest's own aside)."""
    loggers = [logging.getLogger()] + [logger for logger in logging.Logger.manager.loggerDict.values()
                                       if isinstance(logger, logging.Logger)]
    return [f"[handler] {type(handler).__name__} on logger {logger.name!r} writes without PersonalDataFilter"
            for logger in loggers for handler in logger.handlers
            # a NullHandler (libraries add one, e.g. requests and urllib3) writes nothing
            if not isinstance(handler, (_CaptureHandler, logging.NullHandler))
            and not type(handler).__module__.startswith("_pytest")
            and not any(isinstance(f, PersonalDataFilter) for f in handler.filters)]


CAPTURE = SessionLogCapture()
