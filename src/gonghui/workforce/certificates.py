"""Contest certificates as PDF (core.pdf), with a QR code that verifies on the public page."""

from django.utils.translation import gettext as _

from gonghui.core import audit, pdf

from .models import TITLE_LABELS


def certificate_pdf(entry, *, verify_url: str, actor) -> bytes:
    """The certificate of a titled entry; each download is audited."""
    trade = entry.trade
    edition = trade.edition
    title = str(TITLE_LABELS[entry.title])
    data = pdf.render(pdf.Document(
        title=_("Certificate of honour"), org_name=edition.org.name, reference=entry.certificate_token or "",
        paragraphs=[_("%(name)s won the title %(title)s in the trade %(trade)s of %(contest)s.") % {
            "name": entry.person.name, "title": title, "trade": trade.trade, "contest": edition.title}],
        facts=[(_("Trade"), trade.trade), (_("Rank"), entry.rank), (_("Final score"), str(entry.final_score)),
               (_("Title"), title)],
        qr_url=verify_url, certificate=True))
    audit.record("workforce.certificate_download", actor=actor, obj=entry.trade, detail={"entry": entry.pk})
    return data
