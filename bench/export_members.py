"""h. Member export (members.exports) as the province officer and a county officer: rows/s for CSV and .xlsx,
and the growth of peak memory while exporting, vs a bare read of the same rows (the same SQL through a raw
cursor, ciphertext left as it is, written with csv.writer): what reading alone costs, the export's floor."""

import csv
import resource
import time

from . import Options, Result, register
from ._data import ensure_demo, user

OFFICERS = (("county", "wuhua_officer"), ("province", "province_admin"))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _drain(export) -> int:
    """Produce the whole file as a client would receive it and throw it away; its size in bytes."""
    from gonghui.members import exports

    if export.fmt == "csv":
        return sum(len(chunk) for chunk in exports.csv_chunks(export))
    with exports.xlsx_file(export) as handle:
        size = 0
        while chunk := handle.read(1 << 20):
            size += len(chunk)
        return size


class _Discard:
    def write(self, value):
        return len(value)


def _bare_read(rows) -> int:
    from django.db import connection

    sql, params = rows.query.sql_with_params()
    writer, count = csv.writer(_Discard()), 0
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(2000):
            for row in batch:
                writer.writerow(row)
                count += 1
    return count


@register("h", "member export")
def run(options: Options) -> list[Result]:
    from django.contrib.auth import get_user_model

    from gonghui.members import exports

    ensure_demo(options)
    results = []
    for level, username in OFFICERS:
        if not get_user_model().objects.filter(username=username).exists():
            continue
        officer = user(username)
        rows = exports.exportable_persons(officer, exports.ExportFilters())
        started = time.perf_counter()
        bare_rows = _bare_read(rows)
        bare_rate = bare_rows / max(time.perf_counter() - started, 1e-9)
        for fmt in exports.FORMATS:
            before = _peak_mb()
            started = time.perf_counter()
            export = exports.member_export(actor=officer, fmt=fmt, filters=exports.ExportFilters())
            size = _drain(export)
            seconds = time.perf_counter() - started
            results.append(Result(
                name=f"h.export.{level}.{fmt}", title=f"h. member export, {level} officer, {fmt} (masked)",
                figure=export.row_count / seconds, figure_label="rows/s", baseline=bare_rate,
                baseline_label="rows/s bare read", higher_is_better=True,
                details={"rows": export.row_count, "seconds": round(seconds, 2), "bytes": size,
                         "peak_memory_mb_before": round(before), "peak_memory_mb_after": round(_peak_mb())}))
    return results
