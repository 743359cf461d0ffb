import pytest
from django.core.cache import cache

from gonghui.core.auth import otp
from gonghui.core.errors import RateLimited

from .conftest import last_code

PHONE = "13812345678"


def test_code_is_sent_verified_once_and_stored_hashed(sms_outbox):
    otp.otp_issue(phone=PHONE, purpose="test")
    code = last_code(sms_outbox, PHONE)
    stored = cache.get(otp._key("code", PHONE, "test"))
    assert stored and code not in stored and len(stored) == 64
    assert otp.otp_verify(phone=PHONE, purpose="other", code=code) is False
    assert otp.otp_verify(phone=PHONE, purpose="test", code=code) is True
    assert otp.otp_verify(phone=PHONE, purpose="test", code=code) is False  # single use


def test_cache_keys_do_not_hold_the_phone_number():
    assert PHONE not in otp._key("code", PHONE, "test")


def test_one_code_per_minute(sms_outbox):
    otp.otp_issue(phone=PHONE, purpose="test")
    with pytest.raises(RateLimited):
        otp.otp_issue(phone=PHONE, purpose="test")
    assert len(sms_outbox) == 1


def test_five_codes_per_hour(sms_outbox, monkeypatch):
    monkeypatch.setattr(otp, "MIN_INTERVAL_SECONDS", 0)  # past the per-minute limit, to reach the hourly one
    for _ in range(otp.MAX_PER_HOUR):  # past the address's free requests too: challenges solved
        otp.otp_issue(phone=PHONE, purpose="test", challenge_passed=True)
    with pytest.raises(RateLimited):
        otp.otp_issue(phone=PHONE, purpose="test", challenge_passed=True)
    assert len(sms_outbox) == otp.MAX_PER_HOUR


def test_code_dies_after_five_wrong_attempts(sms_outbox):
    otp.otp_issue(phone=PHONE, purpose="test")
    code = last_code(sms_outbox, PHONE)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(otp.MAX_WRONG_ATTEMPTS):
        assert otp.otp_verify(phone=PHONE, purpose="test", code=wrong) is False
    assert otp.otp_verify(phone=PHONE, purpose="test", code=code) is False


def test_right_code_after_some_wrong_attempts(sms_outbox):
    otp.otp_issue(phone=PHONE, purpose="test")
    code = last_code(sms_outbox, PHONE)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(otp.MAX_WRONG_ATTEMPTS - 1):
        assert otp.otp_verify(phone=PHONE, purpose="test", code=wrong) is False
    assert otp.otp_verify(phone=PHONE, purpose="test", code=code) is True


def test_expired_code_is_refused(sms_outbox):
    otp.otp_issue(phone=PHONE, purpose="test")
    code = last_code(sms_outbox, PHONE)
    cache.delete(otp._key("code", PHONE, "test"))  # what the cache does after CODE_TTL_SECONDS
    assert otp.otp_verify(phone=PHONE, purpose="test", code=code) is False


def test_file_backend_appends_for_testers(settings, tmp_path):
    settings.GONGHUI_SMS_BACKEND = "gonghui.core.sms.FileSmsBackend"
    settings.GONGHUI_SMS_FILE_PATH = str(tmp_path / "sms.log")
    otp.otp_issue(phone=PHONE, purpose="a")
    otp.otp_issue(phone="13912345678", purpose="a")
    lines = (tmp_path / "sms.log").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and PHONE in lines[0]


def test_console_backend_never_logs_the_number(settings, caplog):
    settings.GONGHUI_SMS_BACKEND = "gonghui.core.sms.ConsoleSmsBackend"
    with caplog.at_level("INFO", logger="gonghui.sms"):
        otp.otp_issue(phone=PHONE, purpose="a")
    assert "code sent" in caplog.text
    assert PHONE not in caplog.text
