"""e. Nearest-10 stations at national scale (200,000 venues): the in-process grid index (venues.spatial) vs numpy
brute force in the same process, and vs a PostGIS KNN query on the same points when PostGIS is installed; and the
HTTP endpoint /api/v1/stations/nearest. Query points are drawn where people are (around the cities)."""

import random
import time

from . import Options, Result, percentiles, register, say

NATIONAL = 200_000
QUERIES = 300
N = 10


def _ensure_national(count: int) -> None:
    from django.db import transaction

    from gonghui.orgs.services import load_federation_tree
    from gonghui.venues import index
    from gonghui.venues.demo.national import build_national
    from gonghui.venues.models import Venue

    have = Venue.objects.filter(county_code="990000").count()
    if have >= count:
        return
    say(f"  writing {count - have:,} national venues…")
    from gonghui.orgs import selectors as org_selectors

    with transaction.atomic():
        root = org_selectors.organisation_search(_superuser(), level="province").first() or load_federation_tree()
        Venue.objects.filter(county_code="990000").delete()
        build_national(count, root.pk)
    index.invalidate()
    from ._data import ensure_statistics

    ensure_statistics()


def _superuser():
    from types import SimpleNamespace

    return SimpleNamespace(is_superuser=True, is_active=True, is_authenticated=True)


def _queries(seed: int = 7) -> list[tuple[float, float]]:
    from gonghui.venues.demo.national import national_points

    return list(national_points(QUERIES, seed=seed))


def _postgis_reason() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        return "PostGIS needs PostgreSQL"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'")
        if not cursor.fetchone():
            return "the postgis extension is not installed (Debian: postgresql-15-postgis-3)"
    return ""


def _postgis_knn(points) -> callable:
    """A geography column with a GiST index on a copy of the venues; KNN by ``<->`` (true distance)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        cursor.execute("DROP TABLE IF EXISTS bench_venue_geo")
        cursor.execute("CREATE TABLE bench_venue_geo AS SELECT id, "
                       "ST_SetSRID(ST_MakePoint(lng, lat), 4326)::geography AS geog FROM venues_venue "
                       "WHERE approval = 'approved' AND status <> 'closed'")
        cursor.execute("CREATE INDEX bench_venue_geo_gist ON bench_venue_geo USING gist (geog)")
        cursor.execute("ANALYZE bench_venue_geo")
    sql = ("SELECT id, ST_Distance(geog, q) FROM bench_venue_geo, "
           "(SELECT ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography AS q) AS p ORDER BY geog <-> q LIMIT %s")

    def run(lat, lng):
        with connection.cursor() as cursor:
            cursor.execute(sql, [lng, lat, N])
            return cursor.fetchall()

    return run


def _per_query(function, queries, repeat) -> list[float]:
    samples = []
    for lat, lng in queries[:5]:
        function(lat, lng)  # warm
    for _ in range(max(1, repeat // 10)):
        for lat, lng in queries:
            started = time.perf_counter()
            function(lat, lng)
            samples.append(time.perf_counter() - started)
    return samples


@register("e", "nearest stations at national scale")
def run(options: Options) -> list[Result]:
    import numpy as np
    from django.test import Client

    from gonghui.venues import index
    from gonghui.venues.models import Venue
    from gonghui.venues.spatial import unit_vector

    count = NATIONAL if options.scale != "small" or options.persons is None else min(options.persons, NATIONAL)
    _ensure_national(count)
    started = time.perf_counter()
    grid = index.get()
    build_s = time.perf_counter() - started
    queries = _queries()
    unlimited = 20_000_000.0

    def through_index(lat, lng):
        return grid.nearest(lat, lng, n=N, radius_m=unlimited)

    rows = list(Venue.objects.filter(approval="approved").exclude(status="closed").values_list("id", "lat", "lng"))
    ids = np.array([r[0] for r in rows])
    vectors = np.array([unit_vector(r[1], r[2]) for r in rows])

    def brute_force(lat, lng):
        q = np.array(unit_vector(lat, lng))
        d2 = ((vectors - q) ** 2).sum(axis=1)
        best = np.argpartition(d2, N)[:N]
        return ids[best[np.argsort(d2[best])]]

    for lat, lng in random.Random(1).sample(queries, 20):  # the index answers exactly what brute force answers
        assert [p.id for _d, p in through_index(lat, lng)] == list(brute_force(lat, lng)), (lat, lng)
    p50, p95 = percentiles(_per_query(through_index, queries, options.repeat))
    b50, b95 = percentiles(_per_query(brute_force, queries, options.repeat))
    details = {"venues": len(rows), "queries": QUERIES, "n": N, "p95_ms": p95, "baseline_p95_ms": b95,
               "index_build_s": round(build_s, 3)}
    results = [Result(name="e.nearest.numpy", title=f"e. nearest {N} of {len(rows):,} venues (grid index vs numpy)",
                      figure=p50, figure_label="ms p50 index", baseline=b50, baseline_label="ms p50 numpy brute force",
                      details=details)]
    reason = _postgis_reason()
    if reason:
        say(f"  PostGIS baseline skipped: {reason}")
    else:
        knn = _postgis_knn(rows)
        g50, g95 = percentiles(_per_query(knn, queries, options.repeat))
        results.append(Result(name="e.nearest.postgis",
                              title=f"e. nearest {N} of {len(rows):,} venues (grid index vs PostGIS KNN)",
                              figure=p50, figure_label="ms p50 index", baseline=g50,
                              baseline_label="ms p50 PostGIS KNN", details={**details, "baseline_p95_ms": g95}))
    client = Client()
    samples = []
    for lat, lng in queries[: max(50, options.repeat * 5)]:
        started = time.perf_counter()
        response = client.get("/api/v1/stations/nearest", {"lat": lat, "lng": lng, "n": N, "radius_m": 50_000})
        samples.append(time.perf_counter() - started)
        assert response.status_code == 200
    h50, h95 = percentiles(samples)
    results.append(Result(name="e.nearest.http", title=f"e. GET /api/v1/stations/nearest ({len(rows):,} venues)",
                          figure=h50, figure_label="ms p50 HTTP (in-process client)", baseline=p50,
                          baseline_label="ms p50 index alone", details={"p95_ms": h95, "requests": len(samples)}))
    return results
