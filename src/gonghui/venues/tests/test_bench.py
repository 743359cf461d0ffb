"""Benchmark e runs end to end at a tiny size (its figures are not asserted: no timing in tests)."""

import bench
import pytest
from bench import Options


@pytest.mark.django_db
def test_nearest_benchmark_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "RESULTS_DIR", tmp_path)
    results = bench.benchmarks()["e"].run(Options(scale="small", persons=2_000, repeat=2))
    names = {r.name for r in results}
    assert {"e.nearest.numpy", "e.nearest.http"} <= names
    assert all(r.figure > 0 and r.baseline > 0 for r in results)
    assert results[0].details["venues"] == 2_000
