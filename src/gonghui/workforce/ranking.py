"""Scores and ranking of a skills-contest trade, as pure functions (no database), so the rule is stated once and
tested against a brute-force ranking (tests/test_ranking.py, hypothesis).

- A part's score (theory, practice) is the mean of its judges' scores, to two places (half up); with
  ``drop_extremes`` and at least three judges, one highest and one lowest score are left out first.
- The final score is theory × theory weight + practice × practice weight (weights in per cent, adding up to 100),
  to two places.
- **Ranking rule**: higher final score first; a tie is broken by the higher practice score, then by the higher
  theory score; entries still equal share the rank (1, 2, 2, 4). An entry without both parts is not ranked.
- Titles by rank: rank ≤ ``champion_ranks`` gives 技术状元 (champion), rank ≤ ``expert_ranks`` gives 技术能手
  (expert); a shared rank shares the title.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
CHAMPION, EXPERT = "champion", "expert"


@dataclass(frozen=True)
class Rules:
    theory_weight: Decimal = Decimal(30)
    practice_weight: Decimal = Decimal(70)
    drop_extremes: bool = True
    champion_ranks: int = 1
    expert_ranks: int = 10


@dataclass(frozen=True)
class Sheet:
    entry_id: int
    theory: tuple[Decimal, ...]
    practice: tuple[Decimal, ...]


@dataclass(frozen=True)
class Result:
    entry_id: int
    theory: Decimal | None
    practice: Decimal | None
    final: Decimal | None
    rank: int | None
    title: str


def part_score(scores: Iterable[Decimal], drop_extremes: bool) -> Decimal | None:
    values = sorted(Decimal(s) for s in scores)
    if not values:
        return None
    if drop_extremes and len(values) >= 3:
        values = values[1:-1]
    return (sum(values) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)


def final_score(theory: Decimal, practice: Decimal, rules: Rules) -> Decimal:
    return ((theory * rules.theory_weight + practice * rules.practice_weight) / 100).quantize(
        CENT, rounding=ROUND_HALF_UP)


def title_for(rank: int | None, rules: Rules) -> str:
    if rank is None:
        return ""
    if rank <= rules.champion_ranks:
        return CHAMPION
    if rank <= rules.expert_ranks:
        return EXPERT
    return ""


def rank(sheets: Iterable[Sheet], rules: Rules) -> list[Result]:
    """The results in ranking order (unranked entries last, by entry id)."""
    scored, unranked = [], []
    for sheet in sheets:
        theory = part_score(sheet.theory, rules.drop_extremes)
        practice = part_score(sheet.practice, rules.drop_extremes)
        if theory is None or practice is None:
            unranked.append(Result(sheet.entry_id, theory, practice, None, None, ""))
            continue
        scored.append((final_score(theory, practice, rules), practice, theory, sheet.entry_id))
    scored.sort(key=lambda row: (-row[0], -row[1], -row[2], row[3]))
    results, previous, current_rank = [], None, 0
    for position, (final, practice, theory, entry_id) in enumerate(scored, start=1):
        key = (final, practice, theory)
        if key != previous:
            current_rank, previous = position, key
        results.append(Result(entry_id, theory, practice, final, current_rank, title_for(current_rank, rules)))
    return results + sorted(unranked, key=lambda r: r.entry_id)
