"""The import framework: read an uploaded .xlsx or .csv as a stream, find the header row, turn cells into clean
values, collect row errors, and write the error report. Apps describe their columns (``Column``) and their row
rules; the reading, the checks every file needs and the report are here, the same for every import."""

from .cells import CellError
from .errors import ImportFileError, RowError, RowErrors
from .headers import Column, HeaderMap, find_header
from .reading import Row, read_rows
from .report import write_error_report

__all__ = ["CellError", "Column", "HeaderMap", "ImportFileError", "Row", "RowError", "RowErrors", "find_header",
           "read_rows", "write_error_report"]
