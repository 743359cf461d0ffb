"""The multi-pattern matcher against the naive loop, and the highlight spans."""

from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.media.matcher import Hit, Matcher, merged_spans, naive_find


def key(hits):
    return sorted((h.start, h.end, h.word) for h in hits)


def test_finds_overlapping_and_nested_words():
    matcher = Matcher(["he", "she", "his", "hers", "工会", "总工会"])
    text = "ushers 省总工会"
    assert key(matcher.find(text)) == [(1, 4, "she"), (2, 4, "he"), (2, 6, "hers"), (8, 11, "总工会"),
                                       (9, 11, "工会")]


def test_latin_letters_match_in_any_case_and_positions_stay():
    matcher = Matcher(["Casino"])
    assert matcher.find("去CASINO玩") == [Hit(1, 7, "Casino")]
    assert Matcher(["straße"]).find("STRASSE straße") == [Hit(8, 14, "straße")]


def test_empty_words_and_texts():
    assert Matcher(["", "  "]).find("任何文字") == []
    assert Matcher(["词"]).find("") == []


def test_spans_merge_overlaps():
    assert merged_spans([Hit(0, 3, "a"), Hit(2, 5, "b"), Hit(7, 8, "c")]) == [(0, 5), (7, 8)]


ALPHABET = "工会职abAB"


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.text(ALPHABET, min_size=1, max_size=4), max_size=8), text=st.text(ALPHABET, max_size=60))
def test_same_hits_as_the_naive_loop(words, text):
    assert key(Matcher(words).find(text)) == key(naive_find(words, text))
