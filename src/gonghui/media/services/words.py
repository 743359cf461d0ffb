"""The configurable word list and the check an article passes before it moves towards the public."""

import threading
from dataclasses import dataclass

from django.db import transaction

from gonghui.core import audit, scope

from ..errors import ProhibitedWordsFound
from ..matcher import Matcher, merged_spans
from ..models import ProhibitedWord
from ..roles import MEDIA_WORDS

_cache_lock = threading.Lock()
_cache: dict[tuple, tuple[Matcher, dict[str, str]]] = {}


@dataclass(frozen=True)
class WordHit:
    field: str
    start: int
    end: int
    word: str
    severity: str


@dataclass
class WordReport:
    hits: list[WordHit]

    @property
    def prohibited(self) -> list[WordHit]:
        return [h for h in self.hits if h.severity == ProhibitedWord.Severity.PROHIBITED]

    @property
    def sensitive(self) -> list[WordHit]:
        return [h for h in self.hits if h.severity == ProhibitedWord.Severity.SENSITIVE]

    def spans(self, field: str) -> list[tuple[int, int]]:
        return merged_spans([h for h in self.hits if h.field == field])

    def words(self, severity: str) -> list[str]:
        return sorted({h.word for h in self.hits if h.severity == severity})


def _ancestor_paths(path: str) -> list[str]:
    """"00000001/00000005/00000009/" → every prefix ending in "/": the organisation and those above it."""
    parts = [p for p in path.split("/") if p]
    return ["".join(f"{p}/" for p in parts[:i]) for i in range(1, len(parts) + 1)]


def matcher_for(org_path: str) -> tuple[Matcher, dict[str, str]]:
    """The matcher of the words in force for an organisation (its own and those of every level above), built
    once per distinct list: the key is the list's size and newest change, so an edit builds a new one."""
    rows = ProhibitedWord.objects.filter(org__path__in=_ancestor_paths(org_path))
    words = list(rows.values_list("word", "severity", "updated_at", "id"))
    key = (org_path, len(words), sum(w[3] for w in words), max((w[2] for w in words), default=None))
    with _cache_lock:
        cached = _cache.get(key)
    if cached is None:
        severity: dict[str, str] = {}
        for word, level, _updated, _id in words:
            # A word prohibited anywhere above is prohibited, whatever a lower level says.
            if severity.get(word) != ProhibitedWord.Severity.PROHIBITED:
                severity[word] = level
        cached = (Matcher(severity), severity)
        with _cache_lock:
            if len(_cache) > 256:
                _cache.clear()
            _cache[key] = cached
    return cached


def word_check(*, org_path: str, title: str = "", summary: str = "", text: str = "") -> WordReport:
    matcher, severity = matcher_for(org_path)
    hits = []
    for field, value in (("title", title), ("summary", summary), ("text", text)):
        hits.extend(WordHit(field, h.start, h.end, h.word, severity.get(h.word, ProhibitedWord.Severity.SENSITIVE))
                    for h in matcher.find(value or ""))
    return WordReport(hits)


def article_words(article) -> WordReport:
    return word_check(org_path=article.org.path, title=article.title, summary=article.summary,
                      text=article.body_text)


def require_clean(article) -> WordReport:
    report = article_words(article)
    if report.prohibited:
        words = "、".join(report.words(ProhibitedWord.Severity.PROHIBITED)[:10])
        raise ProhibitedWordsFound(f"{ProhibitedWordsFound.default_message} ({words})", field="body")
    return report


def word_add(*, actor, org, word: str, severity: str = ProhibitedWord.Severity.PROHIBITED,
             note: str = "") -> ProhibitedWord:
    scope.require(actor, MEDIA_WORDS, org)
    with transaction.atomic():
        row, _created = ProhibitedWord.objects.update_or_create(
            org=org, word=word.strip()[:50], defaults={"severity": severity, "note": note[:200]})
        audit.record("media.word.add", actor=actor, obj=row, detail={"severity": severity})
    return row


def word_remove(*, actor, word: ProhibitedWord) -> None:
    scope.require(actor, MEDIA_WORDS, word)
    with transaction.atomic():
        audit.record("media.word.remove", actor=actor, obj=word, detail={"word": word.word})
        word.delete()
