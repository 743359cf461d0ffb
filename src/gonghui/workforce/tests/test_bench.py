"""The roster-import benchmark (bench/workforce_roster.py) runs end to end at a tiny size; figures are not
asserted (no timing in tests)."""

import bench
import pytest
from bench import Options


@pytest.mark.usefixtures("empty_db")  # the benchmark builds its demo where there is none
def test_roster_benchmark_runs(tmp_path, monkeypatch):
    from django.db import connection

    if connection.vendor != "sqlite":  # the same code; COPY itself is exercised by test_demo's bulk path
        pytest.skip("run on SQLite only, to keep the module's PostgreSQL suite inside its budget")
    monkeypatch.setattr(bench, "RESULTS_DIR", tmp_path / "results")
    [result] = bench.benchmarks()["w"].run(Options(scale="small", persons=150, repeat=1))
    assert result.details["rows"] == 150 and result.figure > 0 and result.baseline > 0
    from gonghui.workforce.models import Attendance, Course

    assert not Attendance.objects.filter(course__title="基准测试培训班").exists()
    assert not Course.objects.filter(title="基准测试培训班").exists()
