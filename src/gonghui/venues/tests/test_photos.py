"""Venue photos: checked by content (JPEG/PNG structure, size), metadata dropped, kept in the private storage and
served only through the app's views (staff in scope; the public for an approved, open venue)."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gonghui.core.errors import NotFound
from gonghui.venues import photos, services
from gonghui.venues.models import VenuePhoto

from .factories import make_venue
from .images import jpeg, png

pytestmark = pytest.mark.django_db


def test_jpeg_is_checked_and_its_exif_dropped():
    checked = photos.check(jpeg(640, 480))
    assert (checked.content_type, checked.width, checked.height) == ("image/jpeg", 640, 480)
    assert b"GPS" not in checked.content and b"comment" not in checked.content and b"JFIF" in checked.content
    again = photos.check(checked.content)  # re-encoded again: still a clean JPEG of the same size
    assert (again.content_type, again.width, again.height) == ("image/jpeg", 640, 480)


def test_a_large_photo_is_scaled_down():
    checked = photos.check(jpeg(4000, 3000))
    assert (checked.width, checked.height) == (2560, 1920)


def test_png_is_checked_and_its_text_dropped():
    checked = photos.check(png())
    assert checked.content_type == "image/png" and b"someone" not in checked.content


@pytest.mark.parametrize("data", [
    b"", b"GIF89a....", b"<html><script>alert(1)</script></html>", jpeg()[:-2], png()[:-12],
    png()[:23] + b"\x03" + png()[24:],  # a broken CRC
    jpeg(0, 10), jpeg(20_000, 10),
])
def test_anything_else_is_refused(data):
    with pytest.raises(photos.PhotoInvalid):
        photos.check(data)


def test_size_limit(settings):
    settings.GONGHUI_VENUE_PHOTO_MAX_BYTES = 100
    with pytest.raises(photos.PhotoInvalid):
        photos.check(jpeg(exif=b"Exif" + b"x" * 200))


def test_upload_on_the_edit_page_and_serving(client, login, world, private_storage):
    venue = make_venue(world.wuhua_union, "翠湖驿站")
    login(world.user("county_officer"))
    upload = SimpleUploadedFile("photo.png.exe", jpeg(), content_type="application/octet-stream")
    response = client.post(reverse("venues:venue_photo_add", args=[venue.pk]), {"photo": upload, "caption": "门口"})
    assert response.status_code == 302
    photo = VenuePhoto.objects.get()
    assert photo.image.name.startswith(f"venues/photos/{venue.pk}/") and photo.image.name.endswith(".jpg")
    assert b"GPS" not in default_storage.open(photo.image.name).read()
    edit = client.get(reverse("venues:venue_edit", args=[venue.pk])).content.decode()
    staff_url = reverse("venues:venue_photo", args=[venue.pk, photo.pk])
    detail = client.get(reverse("venues:venue_detail", args=[venue.pk])).content.decode()
    assert staff_url in edit and staff_url in detail
    served = client.get(staff_url)
    assert served["Content-Type"] == "image/jpeg" and served["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served["Content-Security-Policy"]
    bad = SimpleUploadedFile("station.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    client.post(reverse("venues:venue_photo_add", args=[venue.pk]), {"photo": bad})
    assert VenuePhoto.objects.count() == 1
    client.logout()
    public_url = reverse("stations:photo", args=[venue.code, photo.pk])
    assert public_url in client.get(reverse("stations:detail", args=[venue.code])).content.decode()
    assert client.get(public_url).status_code == 200
    assert client.get(reverse("m_venues:photo", args=[venue.code, photo.pk])).status_code == 200
    assert client.get(staff_url).status_code == 302  # the staff view wants a sign-in


def test_photos_of_a_venue_that_is_not_public_are_not_served(client, world, private_storage):
    venue = make_venue(world.wuhua_union, "待批驿站", approval="pending")
    photo = services.photo_add(actor=world.user("county_officer"), venue=venue,
                               upload=SimpleUploadedFile("a.png", png()))
    assert client.get(reverse("stations:photo", args=[venue.code, photo.pk])).status_code == 404
    other = make_venue(world.wuhua_union, "另一驿站")
    assert client.get(reverse("stations:photo", args=[other.code, photo.pk])).status_code == 404


def test_out_of_scope_officer_cannot_add_or_see_photos(client, login, world, private_storage):
    venue = make_venue(world.wuhua_union, "翠湖驿站", approval="pending")
    photo = services.photo_add(actor=world.user("county_officer"), venue=venue,
                               upload=SimpleUploadedFile("a.png", png()))
    with pytest.raises(NotFound):
        services.photo_add(actor=world.user("sibling_officer"), venue=venue, upload=SimpleUploadedFile("b.png", png()))
    login(world.user("sibling_officer"))
    assert client.get(reverse("venues:venue_photo", args=[venue.pk, photo.pk])).status_code == 404
    assert client.post(reverse("venues:venue_photo_remove", args=[venue.pk, photo.pk])).status_code == 404
    login(world.user("county_officer"))
    client.post(reverse("venues:venue_photo_remove", args=[venue.pk, photo.pk]))
    assert not VenuePhoto.objects.exists()
