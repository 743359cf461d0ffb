"""The benchmark harness runs end to end at a tiny size (figures are not asserted: no timing in tests)."""

import json

import bench
import pytest
from bench import Options


@pytest.fixture
def results_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "RESULTS_DIR", tmp_path / "results")
    monkeypatch.setattr(bench, "BENCHMARKS_MD", tmp_path / "BENCHMARKS.md")
    (tmp_path / "BENCHMARKS.md").write_text(f"# Benchmarks\n\nprose kept\n\n{bench.TABLE_START}\nold\n"
                                            f"{bench.TABLE_END}\n\nmore prose\n")
    return tmp_path


@pytest.mark.usefixtures("empty_db")  # the benchmarks build their demo where there is none
def test_search_and_list_page_benchmarks_run_and_write_results(results_dir):
    known = bench.benchmarks()
    assert {"a", "b", "c", "d"} <= set(known)
    options = Options(scale="small", persons=200, repeat=2)
    results = known["c"].run(options) + known["d"].run(options)
    assert {r.name for r in results} >= {"c.search.name", "c.search.id_tail", "d.list.county",
                                         "d.list.province"}
    for result in results:
        assert result.figure > 0 and result.baseline > 0
        bench.save(result, options)
    assert "queries" in next(r for r in results if r.name == "d.list.county").details
    saved = json.loads(next((results_dir / "results").glob("d.list.county.*.json")).read_text())
    assert {"machine", "date", "figure", "baseline", "ratio"} <= set(saved)
    assert saved["machine"]["nproc"] and saved["machine"]["database"]
    bench.write_table()
    text = (results_dir / "BENCHMARKS.md").read_text()
    assert "prose kept" in text and "more prose" in text and "old" not in text
    assert "d. member list page, county officer" in text


def test_copy_text_escapes_and_marks_nulls():
    import datetime

    from gonghui.core.demo import copy_text

    assert copy_text([(1, None, "a\tb\\c", True, datetime.date(2020, 1, 2))]) == b"1\t\\N\ta\\tb\\\\c\tt\t2020-01-02\n"


def test_each_benchmark_has_its_own_letter():
    known = bench.benchmarks()
    assert known["e"].title == "nearest stations at national scale" and known["h"].title == "member export"
    with pytest.raises(ValueError, match="registered twice"):
        bench.register("e", "another")(lambda options: [])
    assert known["e"].title == bench.benchmarks()["e"].title  # the first one is kept
