"""No resident ID number or mobile number in any log line.

The whole-session check lives in the root conftest.py (tests/logcapture.py): it fails the run at the end if
any record of the session carried personal data. These tests prove the pieces work: the scrub filter masks,
and the capture sees both the raw project records and the scrubbed output.
"""

import datetime
import logging
import sys

import pytest

from gonghui.core import synthetic
from gonghui.core.logging import PersonalDataFilter, scrub
from tests.logcapture import CAPTURE, personal_data_in

ID_NUMBER = synthetic.resident_id("530102", datetime.date(1990, 5, 17), 123)
ID_NUMBER_X = "53010219900517002X"
OLD_ID_NUMBER = "530102900517123"
PHONE = "13812345678"


@pytest.mark.parametrize("text", [
    f"looked up {ID_NUMBER} for the card",
    f"ID {ID_NUMBER_X.lower()} at the start",
    f"legacy card {OLD_ID_NUMBER}",
    f"code sent to {PHONE}",
    f"{PHONE},{ID_NUMBER}",
    f"phone=+86 {PHONE}",
])
def test_scrub_masks_id_numbers_and_phones(text):
    cleaned = scrub(text)
    assert personal_data_in(text) and not personal_data_in(cleaned)
    assert PHONE not in cleaned and ID_NUMBER not in cleaned and OLD_ID_NUMBER not in cleaned


@pytest.mark.parametrize("text", [
    "card 5301234567890123 printed",  # a member card number (16 digits) is not an ID number
    "order 20260101123456789 paid",   # nor is a longer run of digits
    "took 1234 ms", "person 12 updated",
])
def test_scrub_leaves_other_numbers_alone(text):
    assert scrub(text) == text


def test_filter_rewrites_the_formatted_message():
    record = logging.LogRecord("gonghui.members", logging.INFO, __file__, 1, "person %s phone %s",
                               (ID_NUMBER, PHONE), None)
    assert PersonalDataFilter().filter(record) is True
    message = record.getMessage()
    assert ID_NUMBER not in message and PHONE not in message
    assert message == f"person {ID_NUMBER[:4]}{'*' * 10}{ID_NUMBER[-4:]} phone 138****5678"


def test_filter_passes_broken_format_strings_through():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%s %s", ("only one",), None)
    assert PersonalDataFilter().filter(record) is True


def test_capture_sees_raw_project_records_and_scrubbed_output():
    CAPTURE.install()
    with CAPTURE.diverted() as captured:
        logging.getLogger("gonghui.members.tests").warning("registered %s", ID_NUMBER)
        logging.getLogger("some.library").warning("called by %s", PHONE)
    kinds = {(kind, logger): line for kind, logger, line in captured}
    # the project's own record is caught before any filter: a bug to fix at the source
    assert ID_NUMBER in kinds[("raw", "gonghui.members.tests")]
    # what the output handlers write is masked, for the project's records and a library's alike
    assert ID_NUMBER not in kinds[("output", "gonghui.members.tests")]
    assert PHONE not in kinds[("output", "some.library")]
    assert ("raw", "some.library") not in kinds  # third-party records are only checked as output


def test_capture_sees_django_request_records(client, db):
    CAPTURE.install()
    with CAPTURE.diverted() as captured:
        client.get(f"/no-such-page/{PHONE}/")
    raw = [line for kind, logger, line in captured if kind == "raw" and logger == "django.request"]
    assert raw and PHONE in raw[0]  # the path is logged as is: URLs must not carry personal data
    assert not any(PHONE in line for kind, _logger, line in captured if kind == "output")


# --- the access logs (issue 19, section 6) -------------------------------------------------------------------

def _serve_one(path: str) -> None:
    """Answer one real request with runserver's own server and request handler (which write django.server's
    access line), in a thread."""
    import threading
    import urllib.error
    import urllib.request

    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler, ipv6=False)
    server.set_app(WSGIHandler())  # not gonghui.wsgi: its django.setup() would reset logging
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}{path}", timeout=30)
    except urllib.error.HTTPError:
        pass  # 401 without credentials: the access line is written all the same
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_the_access_log_carries_no_id_number_or_phone():
    CAPTURE.install()
    with CAPTURE.diverted() as captured:
        _serve_one(f"/api/v1/persons?q={ID_NUMBER}&phone={PHONE}")
    access = [line for kind, logger, line in captured if logger == "django.server"]
    assert access and "/api/v1/persons?q=" in access[0]  # the access line is captured...
    assert not [line for _kind, _logger, line in captured if personal_data_in(line)]  # ...masked, like all
    assert f"q={ID_NUMBER[:4]}" in access[0]


def test_gunicorn_access_lines_are_scrubbed_too():
    from gonghui import gunicorn_conf

    assert gunicorn_conf.accesslog == "-"
    assert gunicorn_conf.logconfig_dict["loggers"]["gunicorn.access"] == {"handlers": [], "propagate": True}
    CAPTURE.install()
    with CAPTURE.diverted() as captured:  # as gunicorn's glogging.Logger.access writes it
        logging.getLogger("gunicorn.access").info('%(h)s "%(r)s" %(s)s', {
            "h": "10.0.0.7", "r": f"GET /staff/members/?q={PHONE} HTTP/1.1", "s": "200"})
    lines = [line for _kind, logger, line in captured if logger == "gunicorn.access"]
    assert lines and "/staff/members/?q=138****5678" in lines[0]


def test_every_log_handler_carries_the_filter():
    from tests.logcapture import unscrubbed_handlers

    assert unscrubbed_handlers() == []
    assert logging.getLogger("django.server").propagate and not logging.getLogger("django.server").handlers


def test_tracebacks_are_scrubbed():
    try:
        raise ValueError(f"no person {ID_NUMBER}")
    except ValueError:
        record = logging.LogRecord("some.library", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    PersonalDataFilter().filter(record)
    rendered = logging.Formatter().format(record)
    assert "ValueError" in rendered and ID_NUMBER not in rendered
