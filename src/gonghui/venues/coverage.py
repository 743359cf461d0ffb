"""Coverage planning: how much of an area's demand has an open station within walking distance (the national
goal: 1 km in cities), where the gaps are, and where N new stations would close most of them.

Suggestions are greedy maximal coverage (lazy greedy: a candidate's gain only shrinks as others are chosen, so
the best stale gain that is still best after recomputing is the true best): candidates are the uncovered demand
points themselves, each covering the uncovered demand within the radius. Greedy is within 1 − 1/e of the optimum
for this problem, and is what planners can follow and check by hand.
"""

import heapq
from dataclasses import dataclass, field

from . import index
from .errors import DemandPointsMissing
from .models import DemandPoint, Venue
from .spatial import GridIndex, Point

WALKING_RADIUS_M = 1_000.0
MAX_SUGGESTIONS = 50


@dataclass
class Suggestion:
    rank: int
    lat: float
    lng: float
    newly_covered_points: int
    newly_covered_weight: int
    share_after: float


@dataclass
class Coverage:
    area: str
    radius_m: float
    demand_points: int
    covered_points: int
    total_weight: int
    covered_weight: int
    uncovered: list[tuple[float, float, int]] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)

    @property
    def share_covered(self) -> float:
        return self.covered_weight / self.total_weight if self.total_weight else 0.0


def area_prefix(org) -> str:
    """The division-code prefix of an organisation's area: a county's 6 digits, a prefecture's 4, the province's
    2; a grassroots union takes its county's."""
    from .services.registry import division_code_of

    code = division_code_of(org)
    level = getattr(org, "level", "county")
    return code[:2] if level == "province" else code[:4] if level == "prefecture" else code


def demand_for(prefix: str) -> list[tuple[float, float, int]]:
    return list(DemandPoint.objects.filter(county_code__startswith=prefix).values_list("lat", "lng", "weight"))


def _open(point) -> bool:
    return point.data.status == Venue.Status.OPEN


def coverage(points: list[tuple[float, float, int]], *, area: str = "", radius_m: float = WALKING_RADIUS_M,
             new_stations: int = 0) -> Coverage:
    if not points:
        raise DemandPointsMissing()
    grid = index.get()
    uncovered = [(lat, lng, weight) for lat, lng, weight in points
                 if not grid.nearest(lat, lng, n=1, radius_m=radius_m, accept=_open)]
    total = sum(w for _a, _b, w in points)
    result = Coverage(area, radius_m, len(points), len(points) - len(uncovered), total,
                      total - sum(w for _a, _b, w in uncovered), uncovered)
    result.suggestions = suggest(uncovered, total, result.covered_weight, radius_m,
                                 min(new_stations, MAX_SUGGESTIONS))
    return result


def suggest(uncovered, total_weight: int, covered_weight: int, radius_m: float, count: int) -> list[Suggestion]:
    if count <= 0 or not uncovered:
        return []
    demand = GridIndex([Point(i, lat, lng, weight) for i, (lat, lng, weight) in enumerate(uncovered)])
    reach = {i: [p.id for _d, p in demand.within(lat, lng, radius_m)] for i, (lat, lng, _w) in enumerate(uncovered)}
    weights = [w for _a, _b, w in uncovered]
    done: set[int] = set()

    def gain(i):
        return sum(weights[j] for j in reach[i] if j not in done)

    heap = [(-gain(i), i) for i in reach]
    heapq.heapify(heap)
    chosen = []
    while heap and len(chosen) < count:
        _stale, i = heapq.heappop(heap)
        fresh = gain(i)
        if fresh <= 0:
            continue
        if heap and fresh < -heap[0][0]:
            heapq.heappush(heap, (-fresh, i))
            continue
        newly = [j for j in reach[i] if j not in done]
        done.update(newly)
        covered_weight += fresh
        lat, lng, _w = uncovered[i]
        chosen.append(Suggestion(len(chosen) + 1, lat, lng, len(newly), fresh,
                                 covered_weight / total_weight if total_weight else 0.0))
    return chosen
