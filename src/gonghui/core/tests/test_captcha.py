"""core.captcha: a picture challenge drawn by the app, kept only as a keyed hash, good for one attempt."""

import base64
import io

from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory
from PIL import Image

from gonghui.core import captcha


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    return request


def test_the_picture_is_a_png_and_the_session_holds_no_answer(monkeypatch):
    drawn = []
    real_draw = captcha._draw
    monkeypatch.setattr(captcha, "_draw", lambda text: drawn.append(text) or real_draw(text))
    request = _request()
    uri = captcha.new_challenge(request)
    assert uri.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert image.size == (captcha.WIDTH, captcha.HEIGHT)
    answer = drawn[0]
    assert len(answer) == captcha.DIGITS and answer not in str(request.session[captcha.SESSION_KEY])
    assert captcha.solved(request, f" {answer} ")
    assert not captcha.solved(request, answer)  # used up


def test_a_wrong_or_late_answer_uses_the_challenge_up(monkeypatch):
    drawn = []
    monkeypatch.setattr(captcha, "_draw", lambda text: drawn.append(text) or b"")
    request = _request()
    captcha.new_challenge(request)
    assert not captcha.solved(request, "0" * captcha.DIGITS)
    assert not captcha.solved(request, drawn[-1])
    captcha.new_challenge(request)
    request.session[captcha.SESSION_KEY] = {**request.session[captcha.SESSION_KEY], "expires": 0}
    assert not captcha.solved(request, drawn[-1])
