"""Walking a file through entry in tests: documents, steps and the dates they need."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gonghui.core import attachments

from .. import services
from ..services.files import AUTHORISATION, EXIT_EVIDENCE, VISIT_PHOTO

TODAY = datetime.date.today()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def attach(actor, file, kind: str):
    return attachments.attachment_add(actor=actor, owner=file, kind=kind,
                                      upload=SimpleUploadedFile("photo.png", png(), content_type="image/png"))


def to_checked(world, file, *, cross_check=None):
    officer = world.user("grassroots_officer")
    services.file_step(actor=officer, file=file, transition="screen")
    attach(officer, file, VISIT_PHOTO)
    attach(officer, file, AUTHORISATION)
    services.file_step(actor=officer, file=file, transition="visit")
    return services.file_step(actor=officer, file=file, transition="cross_check", cross_check=cross_check or {})


def to_filed(world, file):
    officer, county = world.user("grassroots_officer"), world.user("county_officer")
    file = to_checked(world, file)
    file = services.file_step(actor=officer, file=file, transition="publish", notice_days=7, today=TODAY)
    later = TODAY + datetime.timedelta(days=7)
    file = services.file_step(actor=county, file=file, transition="approve", today=later)
    return services.file_step(actor=county, file=file, transition="file", today=later)


def exit_evidence(actor, file):
    return attach(actor, file, EXIT_EVIDENCE)
