"""core.pdf: letters and certificates carry their facts as text, Chinese included, and a QR code when asked."""

import datetime
import io
from decimal import Decimal

import pypdf
import pytest

from gonghui.core import pdf


def _text(data: bytes) -> str:
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_a_letter_carries_its_title_facts_and_paragraphs_in_chinese():
    data = pdf.render(pdf.Document(
        title="法律援助委派函", org_name="五华区总工会", reference="WH-2026-0001",
        facts=[("劳动者", "张*"), ("请求金额", Decimal("12345.60")), ("受理日期", datetime.date(2026, 3, 2))],
        paragraphs=["现委派律师办理以下案件。"], issued_on=datetime.date(2026, 3, 3)))
    assert data.startswith(b"%PDF")
    text = _text(data)
    for expected in ("法律援助委派函", "五华区总工会", "WH-2026-0001", "张*", "12,345.60", "2026-03-02",
                     "现委派律师办理以下案件", "2026-03-03"):
        assert expected in text


def test_a_worker_s_words_cannot_inject_markup():
    data = pdf.render(pdf.Document(title="t", paragraphs=["<b>bold</b> & <font size=80>big</font>"]))
    assert "<b>bold</b> & <font size=80>big</font>" in _text(data)


def test_a_certificate_is_landscape_with_a_qr_code():
    data = pdf.render(pdf.Document(title="技术状元", certificate=True, qr_url="https://example.org/verify/abc"))
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    assert page.mediabox.width > page.mediabox.height
    assert page.images  # the QR code


@pytest.mark.parametrize("value,shown", [(None, "—"), (True, "yes"), (Decimal("1"), "¥1.00"), (3, "3")])
def test_display(value, shown, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"):
        assert pdf.display(value) == shown


def test_a_response_is_a_download_never_cached():
    reply = pdf.response(b"%PDF-1.4", "委派函 1.pdf")
    assert reply["Content-Type"] == "application/pdf"
    assert reply["Cache-Control"] == "no-store"
    assert reply["Content-Disposition"] == "attachment; filename*=UTF-8''%E5%A7%94%E6%B4%BE%E5%87%BD%201.pdf"
