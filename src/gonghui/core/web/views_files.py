"""The one private file view: ``/staff/files/<id>/`` for staff in scope, ``/m/files/<id>/`` for the worker a
file belongs to. Thin: core.attachments decides (404 out of scope, 403 in sight without the permission) and
audits the read; the file is streamed decrypted, never from a public URL, never cached."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse, Http404
from django.views.decorators.cache import never_cache

from .. import attachments
from ..errors import NotFound, PermissionDenied
from .decorators import staff_required
from .views_messages import worker_required


def _serve(attachment) -> FileResponse:
    try:
        handle = attachment.file.storage.open(attachment.file.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    # Images inline (a page shows them); a PDF or a workbook downloads, so nothing runs in our origin.
    response = FileResponse(handle, content_type=attachment.content_type, as_attachment=not attachment.is_image,
                            filename=f"{attachment.kind.rsplit('.', 1)[-1]}-{attachment.pk}{attachment.extension}")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    return response


@never_cache
@staff_required
def staff_file(request, attachment_id: int):
    try:
        return _serve(attachments.attachment_for_staff(user=request.user, attachment_id=attachment_id))
    except NotFound:
        raise Http404 from None
    except PermissionDenied:
        raise DjangoPermissionDenied from None


@never_cache
@worker_required
def worker_file(request, attachment_id: int):
    try:
        return _serve(attachments.attachment_for_worker(user=request.user, attachment_id=attachment_id))
    except NotFound:
        raise Http404 from None
