"""The contest ranking rule (workforce/ranking.py) against a brute-force ranking (hypothesis), and the stated
examples: dropped extremes, weights, ties broken by practice then theory, shared ranks sharing titles."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.workforce import ranking
from gonghui.workforce.ranking import Rules, Sheet

D = Decimal


def test_examples():
    rules = Rules()
    assert ranking.part_score([D(80), D(90), D(100)], True) == D("90.00")
    assert ranking.part_score([D(80), D(90), D(100), D(10)], True) == D("85.00")  # 10 and 100 dropped
    assert ranking.part_score([D(80), D(90)], True) == D("85.00")  # two judges: nothing dropped
    assert ranking.part_score([D(10), D(90), D(100)], False) == D("66.67")
    assert ranking.final_score(D(90), D(80), rules) == D("83.00")  # 30 % + 70 %
    results = ranking.rank([
        Sheet(1, (D(90),), (D(80),)),   # 83.00, practice 80
        Sheet(2, (D(76),), (D("83"),)),  # 80.90
        Sheet(3, (D(69),), (D(89),)),   # 83.00, practice 89: before 1
        Sheet(4, (D(90),), (D(80),)),   # the same as 1: shares rank 2
        Sheet(5, (D(90),), ()),         # no practice score: not ranked
    ], rules)
    assert [(r.entry_id, r.rank, r.title) for r in results] == [
        (3, 1, "champion"), (1, 2, "expert"), (4, 2, "expert"), (2, 4, "expert"), (5, None, "")]
    narrow = Rules(champion_ranks=1, expert_ranks=2)
    assert [r.title for r in ranking.rank([Sheet(i, (D(50),), (D(i),)) for i in range(1, 5)], narrow)] == [
        "champion", "expert", "", ""]


def _brute_part(scores, drop):
    values = list(scores)
    if not values:
        return None
    if drop and len(values) >= 3:
        values.remove(max(values))
        values.remove(min(values))
    return (sum(values) / len(values)).quantize(D("0.01"), rounding=ROUND_HALF_UP)


def _brute_rank(sheets, rules):
    """Each entry's rank is one more than the number of entries strictly better by (final, practice, theory)."""
    keys = {}
    for s in sheets:
        t, p = _brute_part(s.theory, rules.drop_extremes), _brute_part(s.practice, rules.drop_extremes)
        if t is not None and p is not None:
            final = ((t * rules.theory_weight + p * rules.practice_weight) / 100).quantize(
                D("0.01"), rounding=ROUND_HALF_UP)
            keys[s.entry_id] = (final, p, t)
    ranks = {e: 1 + sum(1 for other in keys.values() if other > key) for e, key in keys.items()}
    return ranks, keys


scores = st.lists(st.integers(0, 10000).map(lambda n: D(n) / 100), max_size=5)
weights = st.integers(0, 100).map(D)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(scores, scores), max_size=25), weights, st.booleans(), st.integers(0, 3),
       st.integers(0, 12))
def test_ranking_agrees_with_brute_force(parts, theory_weight, drop, champions, extra):
    rules = Rules(theory_weight=theory_weight, practice_weight=100 - theory_weight, drop_extremes=drop,
                  champion_ranks=champions, expert_ranks=champions + extra)
    sheets = [Sheet(i, tuple(t), tuple(p)) for i, (t, p) in enumerate(parts)]
    results = ranking.rank(sheets, rules)
    ranks, keys = _brute_rank(sheets, rules)
    assert {r.entry_id: r.rank for r in results if r.rank is not None} == ranks
    assert {r.entry_id for r in results if r.rank is None} == set(range(len(sheets))) - set(ranks)
    for r in results:
        if r.rank is not None:
            assert (r.final, r.practice, r.theory) == keys[r.entry_id]
            expected = "champion" if r.rank <= champions else "expert" if r.rank <= champions + extra else ""
            assert r.title == expected
    ranked = [r.rank for r in results if r.rank is not None]
    assert ranked == sorted(ranked)  # listed in ranking order
