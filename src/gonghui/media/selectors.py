"""Every read of the newsroom: staff reads narrowed to the caller's part of the tree (core.scope), public reads
limited to what is live on a channel."""

import datetime
import difflib
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from gonghui.core import scope

from .models import Article, ArticleVersion, Channel, Delivery, ProhibitedWord
from .roles import MEDIA_PUBLISH, MEDIA_REVIEW, MEDIA_VIEW, MEDIA_WORDS
from .services.schedule import GRACE
from .workflows import ARTICLE_FLOW, REVIEWING

MAX_QUERY_LENGTH = 60


def _search_q(query: str, prefix: str = "") -> Q:
    """Search in titles, summaries and text: a substring match (LIKE, the same on SQLite and PostgreSQL), which
    suits Chinese without a word segmenter; a Latin-letter term also matches the title's pinyin or initials from
    their start ("songqingliang", "sql"). The lists it runs on are already narrowed to a subtree or channel."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    q = Q()
    for term in query.split():
        term_q = (Q(**{f"{prefix}title__icontains": term}) | Q(**{f"{prefix}summary__icontains": term})
                  | Q(**{f"{prefix}body_text__icontains": term}))
        if term.isascii() and term.isalpha():
            lowered = term.lower()
            term_q |= (Q(**{f"{prefix}title_pinyin__contains": lowered})
                       | Q(**{f"{prefix}title_initials__startswith": lowered}))
        q &= term_q
    return q


def articles_visible(user, permission: str = MEDIA_VIEW) -> QuerySet[Article]:
    return scope.scoped(Article.objects.select_related("org", "author"), user, permission)


def article_list(user, *, query: str = "", state: str = "", category: str = "", org_id: int | None = None,
                 permission: str = MEDIA_VIEW) -> QuerySet[Article]:
    qs = articles_visible(user, permission).filter(_search_q(query))
    if state == "reviewing":
        qs = qs.filter(state__in=REVIEWING)
    elif state:
        qs = qs.filter(state=state)
    if category:
        qs = qs.filter(category=category)
    if org_id:
        qs = qs.filter(org_id=org_id)
    return qs.defer("body", "body_text").order_by("-updated_at", "-id")


def article_get(user, article_id, permission: str = MEDIA_VIEW) -> Article:
    return scope.get_scoped_or_404(Article.objects.select_related("org", "author", "origin", "origin__org"), user,
                                   permission, pk=article_id)


def review_queue(user) -> QuerySet[Article]:
    return article_list(user, state="reviewing", permission=MEDIA_REVIEW).order_by("updated_at", "id")


def overdue(user) -> QuerySet[Article]:
    """Scheduled articles past their time (by more than the grace) and not live: shown on the newsroom's home."""
    return articles_visible(user).filter(state=Article.State.SCHEDULED,
                                         scheduled_at__lt=timezone.now() - GRACE).order_by("scheduled_at")


def calendar(user, *, start: datetime.date, days: int = 31) -> QuerySet[Article]:
    """Scheduled and published articles across the caller's tree between ``start`` and ``days`` later."""
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=datetime.UTC)
    end = begin + datetime.timedelta(days=days)
    return (articles_visible(user).defer("body", "body_text")
            .filter(Q(state=Article.State.SCHEDULED, scheduled_at__gte=begin, scheduled_at__lt=end)
                    | Q(state=Article.State.PUBLISHED, published_at__gte=begin, published_at__lt=end))
            .order_by("scheduled_at", "published_at", "id"))


def article_history(article: Article):
    return ARTICLE_FLOW.history(article)


def versions_of(article: Article) -> QuerySet[ArticleVersion]:
    return article.versions.select_related("editor").defer("body")


def deliveries_of(article: Article) -> QuerySet[Delivery]:
    return article.deliveries.select_related("channel", "channel__org", "pushed_by_org").defer("export_html")


def delivery_get(user, delivery_id, permission: str = MEDIA_PUBLISH) -> Delivery:
    return scope.get_scoped_or_404(Delivery.objects.select_related("article", "article__org", "channel"), user,
                                   permission, pk=delivery_id)


def channels_choosable(article_or_org_path: str) -> QuerySet[Channel]:
    """Channels an article of the organisation at this path may be meant for: its own and those above."""
    parts = [p for p in article_or_org_path.split("/") if p]
    paths = ["".join(f"{p}/" for p in parts[:i]) for i in range(1, len(parts) + 1)]
    return Channel.objects.select_related("org").filter(org__path__in=paths, active=True).order_by(
        "org__depth", "kind")


@dataclass
class DiffLine:
    kind: str  # "same", "added", "removed"
    text: str


def version_diff(article: Article, first: int, second: int) -> tuple[ArticleVersion, ArticleVersion, list]:
    """Two versions of the article and their difference, line by line over title, summary and text (difflib)."""
    from .sanitize import text_of

    rows = {v.number: v for v in article.versions.filter(number__in=[first, second]).select_related("editor")}
    if first not in rows or second not in rows:
        from gonghui.core.errors import NotFound

        raise NotFound()
    a, b = rows[first], rows[second]

    def lines(v):
        return [v.title, v.summary, *text_of(v.body).splitlines()]

    diff = []
    for line in difflib.ndiff(lines(a), lines(b)):
        tag, text = line[:2], line[2:]
        if tag == "? ":
            continue
        diff.append(DiffLine({"  ": "same", "+ ": "added", "- ": "removed"}[tag], text))
    return a, b, diff


def words_visible(user) -> QuerySet[ProhibitedWord]:
    return scope.scoped(ProhibitedWord.objects.select_related("org"), user, MEDIA_WORDS).order_by("word")


def word_get(user, word_id) -> ProhibitedWord:
    return scope.get_scoped_or_404(ProhibitedWord.objects.select_related("org"), user, MEDIA_WORDS, pk=word_id)


def reads_by_channel(user) -> list[dict]:
    """Reads per channel kind over the caller's articles."""
    return list(scope.scoped(Delivery.objects.all(), user, MEDIA_VIEW).values("channel__kind")
                .annotate(reads=Sum("reads")).order_by("channel__kind"))


def articles_of_person_author(user, author) -> QuerySet[Article]:
    return articles_visible(user).filter(author=author)


# --- public reads -------------------------------------------------------------------------------------------

def live(kind: str, *, org_id: int | None = None, query: str = "", category: str = "") -> QuerySet[Delivery]:
    """What is live on the channels of ``kind`` (of one organisation, or of all), newest first."""
    qs = (Delivery.objects.filter(channel__kind=kind, channel__active=True, state=Delivery.State.DELIVERED,
                                  article__state=Article.State.PUBLISHED)
          .select_related("article", "article__org", "channel", "channel__org", "pushed_by_org")
          .defer("export_html", "article__body_text"))
    if org_id is not None:
        qs = qs.filter(channel__org_id=org_id)
    if query:
        qs = qs.filter(_search_q(query, "article__"))
    if category:
        qs = qs.filter(article__category=category)
    return qs.order_by("-article__published_at", "-id")


def live_one(kind: str, *, org_id: int, article_id) -> Delivery:
    from .errors import ArticleNotPublic

    delivery = live(kind, org_id=org_id).defer(None).filter(article_id=article_id).first()
    if delivery is None:
        raise ArticleNotPublic()
    return delivery


def public_channel(kind: str, org_id) -> Channel:
    from .errors import ArticleNotPublic

    channel = Channel.objects.select_related("org").filter(kind=kind, org_id=org_id, active=True).first()
    if channel is None:
        raise ArticleNotPublic()
    return channel


def publishing_orgs(kind: str = Channel.Kind.SITE) -> QuerySet[Channel]:
    """Channels of the kind that have something live, by level then name (the /news/ index)."""
    return (Channel.objects.select_related("org").filter(kind=kind, active=True,
                                                         deliveries__state=Delivery.State.DELIVERED)
            .distinct().order_by("org__depth", "org__path"))


def most_read(kind: str, *, org_id: int | None = None, limit: int = 5) -> list[Delivery]:
    return list(live(kind, org_id=org_id).order_by("-reads", "-id")[:limit])
