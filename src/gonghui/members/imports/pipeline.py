"""Checked rows of an import file, batch by batch: read in this process for small files, or in a second process
for big ones so that both cores work — one reads, parses, validates, hashes, encrypts and transliterates rows
while this one looks them up and writes them (issue #4: "validation and writing in parallel").

The second process is *spawned* (a fresh interpreter), not forked: the caller may be a threaded server or
hold database connections, which a fork would copy. It never touches the database; it sends back, per batch,
the clean rows (with their hashes, pinyin and — when writing — ciphertexts ready) and the row errors. A bounded
queue keeps memory flat: the reader waits when the writer is behind.
"""

import os
import queue as queue_module
import traceback
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from gonghui.core import processes
from gonghui.core.imports import RowErrors, find_header, read_rows
from gonghui.core.imports.cells import is_blank
from gonghui.core.imports.errors import ImportFileError
from gonghui.core.imports.headers import HeaderMap, is_total_row

from .columns import COLUMNS
from .rows import MemberRow, RowParser, prepare

BATCH = 5000           # rows per message between the processes, and per lookup/write
QUEUE_BATCHES = 4      # batches in flight at most (memory stays flat whatever the file size)
WAIT_SECONDS = 5       # how often the writer checks that the reader is still alive


@dataclass
class Batch:
    rows_seen: int               # non-blank rows read so far (for progress and the row count)
    rows: list[MemberRow]        # rows that passed every cell check, prepared (see rows.prepare)
    errors: list                 # core.imports.RowError of this batch


def checked_batches(path: str, filename: str, *, categories: dict, occupations: dict, write: bool,
                    on_header=None) -> Iterator[Batch]:
    """Batches of checked rows of the file at ``path``. ``on_header(HeaderMap)`` is called once the header
    row is found (before the first batch). Raises ImportFileError when the file cannot be read at all."""
    parallel = os.path.getsize(path) >= settings.GONGHUI_IMPORT_PARALLEL_BYTES
    source = _in_second_process if parallel else _here
    yield from source(path, filename, categories=categories, occupations=occupations, write=write,
                      on_header=on_header)


def _read(path, filename, *, categories, occupations, write) -> Iterator[HeaderMap | Batch]:
    """The reading itself: the header first, then batches."""
    errors = RowErrors(limit=float("inf"))  # a batch's errors all go to the writer, whose RowErrors is bounded
    rows = read_rows(path, filename=filename)
    header = find_header(rows, COLUMNS)
    yield header
    parser = RowParser(header, errors, categories=categories, occupations=occupations)
    seen, good = 0, []
    for row in rows:
        values = row.values
        if all(is_blank(v) for v in values) or is_total_row(values):
            continue
        seen += 1
        parsed = parser.parse(row.number, values)
        if parsed is not None:
            good.append(prepare(parsed, write=write))
        if len(good) >= BATCH or len(errors.items) >= BATCH:  # a file of bad rows comes in batches too
            yield Batch(seen, good, errors.items)
            good, errors.items = [], []
    yield Batch(seen, good, errors.items)


def _here(path, filename, *, categories, occupations, write, on_header) -> Iterator[Batch]:
    for item in _read(path, filename, categories=categories, occupations=occupations, write=write):
        if isinstance(item, HeaderMap):
            if on_header:
                on_header(item)
            continue
        yield item


def _in_second_process(path, filename, *, categories, occupations, write, on_header) -> Iterator[Batch]:
    channel = processes.queue(QUEUE_BATCHES)
    reader = processes.start(f"{__name__}:reader_main", channel, path, filename, categories, occupations, write,
                             translation.get_language(), name="import-reader",
                             settings_overrides={name: getattr(settings, name) for name in dir(settings)
                                                 if name.startswith("GONGHUI_IMPORT_")})
    try:
        while True:
            try:
                kind, payload = channel.get(timeout=WAIT_SECONDS)
            except queue_module.Empty:
                if not reader.is_alive():
                    raise RuntimeError(f"the import reader stopped unexpectedly (exit code {reader.exitcode})")
                continue
            if kind == "header":
                if on_header:
                    on_header(payload)
            elif kind == "batch":
                yield payload
            elif kind == "file_error":
                message, code = payload
                raise ImportFileError(message, code=code)
            elif kind == "crash":
                raise RuntimeError(f"the import reader failed:\n{payload}")
            else:  # "end"
                return
    finally:
        if reader.is_alive():  # the writer stopped early (cancelled, an error): stop reading too
            reader.terminate()
        reader.join(timeout=10)
        channel.close()


def reader_main(channel, path, filename, categories, occupations, write, language):  # pragma: no cover (child)
    """The second process: reads and sends; tests/imports/test_parallel_reader.py checks what it sends."""
    translation.activate(language or settings.LANGUAGE_CODE)
    try:
        for item in _read(path, filename, categories=categories, occupations=occupations, write=write):
            channel.put(("header", item) if isinstance(item, HeaderMap) else ("batch", item))
        channel.put(("end", None))
    except ImportFileError as exc:
        channel.put(("file_error", (str(exc.message), exc.code)))
    except Exception:
        channel.put(("crash", traceback.format_exc()))
