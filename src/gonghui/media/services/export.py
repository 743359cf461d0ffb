"""The newsroom list as an .xlsx file (the filters of the page), audited."""

from django.db.models import Sum
from django.utils.translation import gettext as _

from gonghui.core import audit, exports

from ..workflows import ARTICLE_FLOW

MAX_ROWS = 50_000


def articles_export(*, actor, articles) -> bytes:
    """``articles`` is a selector's scoped queryset; one row per article with its total reads."""
    book = exports.Workbook(constant_memory=True)
    sheet = book.sheet(_("Articles"), header=[
        _("Title"), _("Newsroom"), _("Category"), _("State"), _("Version"), _("Byline"), _("Tags"), _("Published"),
        _("Reads"), _("Source")])
    rows = articles.annotate(total_reads=Sum("deliveries__reads")).order_by("-updated_at", "-id")[:MAX_ROWS]
    for article in rows.iterator(chunk_size=2000):
        sheet.write_row([article.title, article.org.name, str(article.get_category_display()),
                         str(ARTICLE_FLOW.state_label(article.state)), article.version, article.author_name,
                         article.tags, article.published_at.replace(tzinfo=None) if article.published_at else "",
                         article.total_reads or 0, article.origin_credit])
    count = sheet.row - 1
    content = book.close()
    audit.record("media.export", actor=actor, object_type="media.article", detail={"rows": count})
    return content
