"""Photos of a venue: checked by content (venues.photos), stored in the private storage under a random name,
served only through the app's views (staff: in scope; public: an approved venue that is not closed)."""

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from gonghui.core import audit
from gonghui.core.errors import ValidationFailed

from .. import photos
from ..models import Venue, VenuePhoto
from ..roles import VENUES_CHANGE
from .registry import require

MAX_PHOTOS = 12


def photo_add(*, actor, venue: Venue, upload, caption: str = "") -> VenuePhoto:
    require(actor, VENUES_CHANGE, venue.scope_path)
    if upload is None:
        raise ValidationFailed(_("Choose a photo to upload."), code="venue_photo_missing", field="photo")
    if getattr(upload, "size", 0) > photos.max_bytes():  # refused before it is read
        raise photos.PhotoInvalid(_("The photo is larger than %(mb)s MB.")
                                  % {"mb": round(photos.max_bytes() / 1024**2, 1)})
    if venue.photos.count() >= MAX_PHOTOS:
        raise ValidationFailed(_("A venue keeps at most %(n)s photos; remove one first.") % {"n": MAX_PHOTOS},
                               code="venue_photos_full", field="photo")
    checked = photos.check(upload.read(photos.max_bytes() + 1))
    name = default_storage.save(f"venues/photos/{venue.pk}/{secrets.token_hex(16)}{checked.extension}",
                                ContentFile(checked.content))
    try:
        with transaction.atomic():
            photo = VenuePhoto.objects.create(venue=venue, image=name, caption=(caption or "").strip()[:120])
            audit.record("venues.photo_add", actor=actor, obj=venue,
                         detail={"photo": photo.pk, "bytes": len(checked.content), "type": checked.content_type})
    except Exception:
        default_storage.delete(name)  # no row, no file
        raise
    return photo


def photo_remove(*, actor, photo: VenuePhoto) -> None:
    require(actor, VENUES_CHANGE, photo.venue.scope_path)
    name = photo.image.name
    with transaction.atomic():
        audit.record("venues.photo_remove", actor=actor, obj=photo.venue, detail={"photo": photo.pk})
        photo.delete()
        transaction.on_commit(lambda: default_storage.delete(name))
