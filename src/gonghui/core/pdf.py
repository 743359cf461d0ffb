"""The one maker of PDF documents: letters (a refusal, an assignment letter, a feedback letter to a court) and
certificates. Every module describes its document as data (a title, facts, paragraphs, an optional QR code) and
this module lays it out, so all of them look alike and none carries its own PDF code.

Chinese text uses reportlab's built-in CID font (``STSong-Light``): the PDF names the font instead of embedding a
file, so nothing is fetched or shipped, and every PDF reader has it. Text stays text (searchable, extractable by
tests with pypdf).

    data = pdf.render(pdf.Document(title="法律援助委派函", org_name=case.org.name, reference=case.number,
                                   facts=[(_("Worker"), person.name_masked), (_("Amount claimed"), amount)],
                                   paragraphs=[...], qr_url=verify_url))
    return pdf.response(data, f"{case.number}.pdf")
"""

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote
from xml.sax.saxutils import escape

import segno
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from . import money

FONT = "STSong-Light"
CONTENT_TYPE = "application/pdf"
_registered = False


def _font() -> str:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        _registered = True
    return FONT


@dataclass
class Document:
    """What a letter or certificate says; ``render`` lays it out.

    ``facts`` are (label, value) rows shown as a table (Decimals as money, dates as dates); ``paragraphs`` are plain
    text (escaped: a worker's words cannot inject markup); ``qr_url`` prints a QR code that verifies the document
    on a public page; ``certificate`` lays it out landscape with a large centred title.
    """

    title: str
    org_name: str = ""
    reference: str = ""
    facts: list[tuple[str, object]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    issued_on: datetime.date | None = None
    signature: str = ""
    qr_url: str = ""
    certificate: bool = False


def display(value) -> str:
    """One fact's value as the document prints it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return money.format_yuan(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _styles(certificate: bool) -> dict[str, ParagraphStyle]:
    font = _font()
    return {
        "title": ParagraphStyle("title", fontName=font, fontSize=26 if certificate else 18, leading=34 if certificate
                                else 24, alignment=TA_CENTER, spaceAfter=8 * mm if certificate else 6 * mm),
        "meta": ParagraphStyle("meta", fontName=font, fontSize=10, leading=14, alignment=TA_RIGHT),
        "body": ParagraphStyle("body", fontName=font, fontSize=13 if certificate else 11, leading=20 if certificate
                               else 17, firstLineIndent=22 if not certificate else 0,
                               alignment=TA_CENTER if certificate else 0, spaceAfter=3 * mm),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=10.5, leading=15),
        "sign": ParagraphStyle("sign", fontName=font, fontSize=11, leading=17, alignment=TA_RIGHT),
    }


def _qr_image(url: str, size_mm: float = 28) -> Image:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return Image(buffer, width=size_mm * mm, height=size_mm * mm)


def render(document: Document) -> bytes:
    """The document as PDF bytes (A4; landscape for a certificate)."""
    styles = _styles(document.certificate)
    buffer = io.BytesIO()
    pagesize = landscape(A4) if document.certificate else A4
    doc = SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, title=document.title, author=document.org_name,
                            creator="Gonghui")
    story = []
    if document.reference:
        story.append(Paragraph(escape(document.reference), styles["meta"]))
    story.append(Paragraph(escape(document.title), styles["title"]))
    for text in document.paragraphs:
        story.append(Paragraph(escape(text).replace("\n", "<br/>"), styles["body"]))
    if document.facts:
        rows = [[Paragraph(escape(str(label)), styles["cell"]), Paragraph(escape(display(value)), styles["cell"])]
                for label, value in document.facts]
        table = Table(rows, colWidths=[45 * mm, None], hAlign="CENTER")
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]))
        story += [Spacer(1, 4 * mm), table]
    story.append(Spacer(1, 10 * mm))
    for line in (document.org_name, document.signature, display(document.issued_on or timezone.localdate())):
        if line:
            story.append(Paragraph(escape(line), styles["sign"]))
    if document.qr_url:
        story += [Spacer(1, 4 * mm), _qr_image(document.qr_url)]
    doc.build(story)
    return buffer.getvalue()


def response(data: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    """A PDF download: never cached (letters carry personal facts)."""
    reply = HttpResponse(data, content_type=CONTENT_TYPE)
    disposition = "inline" if inline else "attachment"
    reply["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename, safe='')}"
    reply["Cache-Control"] = "no-store"
    return reply

