"""A picture challenge served by the app itself (no outside service, nothing fetched at run time): a few digits
drawn by Pillow, each turned and shifted, over noise lines and dots, sent inline in the page as a PNG data URI.

Only a keyed hash of the answer is kept, in the visitor's session, for a few minutes and for one attempt: a
wrong answer, or a right one, uses the challenge up and the next needs a new picture. Pages ask for it when a
rate limit says so (core.auth.otp: the SMS "send code" limits per address and overall).

Why not a library such as django-simple-captcha: it stores every challenge in a table and serves the pictures
from public URLs of its own; a challenge bound to the session and inlined in the page needs neither, and the
drawing itself is Pillow's.
"""

import base64
import hashlib
import hmac
import io
import secrets
import time

from django.conf import settings

SESSION_KEY = "gonghui_captcha"
DIGITS = 5
TTL_SECONDS = 5 * 60
WIDTH, HEIGHT = 180, 64


def _hash(answer: str, nonce: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"captcha\x00{nonce}\x00{answer}".encode(),
                    hashlib.sha256).hexdigest()


def new_challenge(request) -> str:
    """A new challenge for this visitor (replacing any other); returns the picture as a data URI."""
    answer = "".join(secrets.choice("23456789") for _ in range(DIGITS))  # no 0/1: not confused with O/I/l
    nonce = secrets.token_hex(8)
    request.session[SESSION_KEY] = {"hash": _hash(answer, nonce), "nonce": nonce,
                                    "expires": int(time.time()) + TTL_SECONDS}
    return "data:image/png;base64," + base64.b64encode(_draw(answer)).decode()


def has_challenge(request) -> bool:
    return SESSION_KEY in request.session


def solved(request, answer: str | None) -> bool:
    """Is this the answer to the visitor's challenge? Uses the challenge up either way."""
    stored = request.session.pop(SESSION_KEY, None)
    if not stored or not answer or stored.get("expires", 0) < time.time():
        return False
    return hmac.compare_digest(stored["hash"], _hash("".join(answer.split()), stored["nonce"]))


def _draw(text: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rand = secrets.SystemRandom()
    image = Image.new("RGB", (WIDTH, HEIGHT), (246, 248, 250))
    draw = ImageDraw.Draw(image)
    for _ in range(6):  # lines behind the digits
        draw.line([(rand.randint(0, WIDTH), rand.randint(0, HEIGHT)) for _ in range(3)],
                  fill=(rand.randint(90, 170),) * 3, width=2)
    font = ImageFont.load_default(size=40)
    step = (WIDTH - 20) // len(text)
    for position, digit in enumerate(text):
        glyph = Image.new("L", (step + 16, HEIGHT), 0)
        ImageDraw.Draw(glyph).text((8, rand.randint(2, 12)), digit, font=font, fill=255)
        glyph = glyph.rotate(rand.uniform(-30, 30), resample=Image.Resampling.BICUBIC, expand=False)
        colour = (rand.randint(10, 80), rand.randint(10, 80), rand.randint(60, 120))
        image.paste(colour, (10 + position * step + rand.randint(-4, 4), 0), glyph)
    for _ in range(3):  # arcs across the digits
        x, y = rand.randint(-20, WIDTH // 2), rand.randint(-10, HEIGHT // 2)
        draw.arc([x, y, x + rand.randint(60, WIDTH), y + rand.randint(30, HEIGHT)], 0, rand.randint(120, 300),
                 fill=(40, 40, 90), width=2)
    for _ in range(WIDTH * HEIGHT // 25):
        draw.point((rand.randrange(WIDTH), rand.randrange(HEIGHT)), fill=(rand.randint(60, 200),) * 3)
    image = image.filter(ImageFilter.SMOOTH)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
