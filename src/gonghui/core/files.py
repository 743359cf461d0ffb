"""Files handed to the reader as downloads: the one xlsx content type, a workbook made in memory, and a private
stored file (streamed from storage: private files never get a public URL). Pages and API answer alike."""

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_download(content: bytes, filename: str) -> HttpResponse:
    """A workbook built in memory (an import template, a small export) as an attachment."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stored_download(name: str, filename: str, *, content_type: str = XLSX_CONTENT_TYPE) -> FileResponse:
    """A file of the private storage (an import's error report) streamed as an attachment."""
    return FileResponse(default_storage.open(name, "rb"), as_attachment=True, filename=filename,
                        content_type=content_type)
