"""A multi-pattern matcher (Aho–Corasick), hand-written and pure Python: one pass over the text finds every
occurrence of every word, however many words there are (bench/media_words.py measures it beside a loop of
``str.find`` per word). Matching is case-insensitive for Latin letters (the text and the words are folded with
``str.casefold`` one character at a time, so positions stay those of the original text)."""

from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    start: int
    end: int  # exclusive
    word: str


def fold(text: str) -> str:
    """Case-folded one character at a time (a character whose folding is longer, ß, stays as it is), so the
    positions in the folded text are those of the original."""
    return "".join(c if len(f := c.casefold()) != 1 else f for c in text)


class Matcher:
    """Built once from a word list; ``find(text)`` lists every hit, overlapping ones included."""

    __slots__ = ("_fail", "_goto", "_out", "words")

    def __init__(self, words):
        self.words = sorted({w.strip() for w in words if w and w.strip()})
        goto: list[dict[str, int]] = [{}]
        out: list[tuple[str, ...]] = [()]
        for word in self.words:
            state = 0
            for ch in fold(word):
                nxt = goto[state].get(ch)
                if nxt is None:
                    nxt = len(goto)
                    goto[state][ch] = nxt
                    goto.append({})
                    out.append(())
                state = nxt
            out[state] = (*out[state], word)
        fail = [0] * len(goto)
        queue = deque(goto[0].values())
        while queue:
            state = queue.popleft()
            for ch, nxt in goto[state].items():
                queue.append(nxt)
                f = fail[state]
                while f and ch not in goto[f]:
                    f = fail[f]
                candidate = goto[f].get(ch, 0)
                fail[nxt] = candidate if candidate != nxt else 0
                if out[fail[nxt]]:
                    out[nxt] = out[nxt] + out[fail[nxt]]
        self._goto, self._fail, self._out = goto, fail, out

    def find(self, text: str) -> list[Hit]:
        goto, fail, out = self._goto, self._fail, self._out
        hits = []
        state = 0
        for index, ch in enumerate(text):
            folded = ch.casefold()
            if len(folded) == 1:
                ch = folded
            while state and ch not in goto[state]:
                state = fail[state]
            state = goto[state].get(ch, 0)
            if out[state]:
                end = index + 1
                hits.extend(Hit(end - len(word), end, word) for word in out[state])
        return hits


def naive_find(words, text: str) -> list[Hit]:
    """The baseline the benchmark compares with: one search per word."""
    lowered = fold(text)
    hits = []
    for word in {w.strip() for w in words if w and w.strip()}:
        needle = fold(word)
        start = lowered.find(needle)
        while start != -1:
            hits.append(Hit(start, start + len(word), word))
            start = lowered.find(needle, start + 1)
    return hits


def merged_spans(hits) -> list[tuple[int, int]]:
    """Overlapping or touching hits as one span each, in text order (for highlighting)."""
    spans: list[tuple[int, int]] = []
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if spans and hit.start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], hit.end))
        else:
            spans.append((hit.start, hit.end))
    return spans
