"""Staff actions on a venue's records: photos (upload on the edit page, served through the app), honours,
funding projects, and changing or removing closures. Thin: forms validate, services decide."""

from django.contrib import messages
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.web.pages import call_service, staff_view

from .. import photos, selectors, services
from ..models import FundingProject, VenueClosure, VenueHonour, VenuePhoto
from ..roles import VENUES_APPROVE, VENUES_CHANGE
from .forms import ClosureForm, FundingForm, HonourForm, PhotoForm


def photo_response(photo: VenuePhoto, *, public: bool) -> FileResponse:
    """The stored bytes as the image type the upload check found; never sniffed, never run as a page."""
    try:
        handle = default_storage.open(photo.image.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=photos.content_type_of(photo.image.name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, max-age=600"
    return response


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@staff_view
def photo_file(request, pk, photo_id):
    venue = selectors.venue_get(request.user, pk)
    return photo_response(get_object_or_404(VenuePhoto, pk=photo_id, venue=venue), public=False)


@require_POST
@staff_view
def photo_add(request, pk):
    venue = selectors.venue_get(request.user, pk, permission=VENUES_CHANGE)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        call_service(request, services.photo_add, success=_("The photo was added."), actor=request.user,
                     venue=venue, upload=form.cleaned_data["photo"], caption=form.cleaned_data["caption"])
    else:
        _form_errors(request, form)
    return redirect("venues:venue_edit", pk=venue.pk)


@require_POST
@staff_view
def photo_remove(request, pk, photo_id):
    venue = selectors.venue_get(request.user, pk, permission=VENUES_CHANGE)
    photo = get_object_or_404(VenuePhoto, pk=photo_id, venue=venue)
    call_service(request, services.photo_remove, success=_("The photo was removed."), actor=request.user,
                 photo=photo)
    return redirect("venues:venue_edit", pk=venue.pk)


@require_POST
@staff_view
def honour_add(request, pk):
    venue = selectors.venue_get(request.user, pk, permission=VENUES_APPROVE)
    form = HonourForm(request.POST)
    if form.is_valid():
        call_service(request, services.honour_add, success=_("The honour was recorded."), actor=request.user,
                     venue=venue, **form.cleaned_data)
    else:
        _form_errors(request, form)
    return redirect("venues:venue_detail", pk=venue.pk)


@require_POST
@staff_view
def honour_remove(request, pk, honour_id):
    venue = selectors.venue_get(request.user, pk, permission=VENUES_APPROVE)
    honour = get_object_or_404(VenueHonour, pk=honour_id, venue=venue)
    call_service(request, services.honour_remove, success=_("The honour was removed."), actor=request.user,
                 honour=honour)
    return redirect("venues:venue_detail", pk=venue.pk)


@require_POST
@staff_view
def funding_add(request, pk):
    venue = selectors.venue_get(request.user, pk, permission=VENUES_CHANGE)
    form = FundingForm(request.POST)
    if form.is_valid():
        call_service(request, services.funding_add, success=_("The funding project was recorded."),
                     actor=request.user, venue=venue, **form.cleaned_data)
    else:
        _form_errors(request, form)
    return redirect("venues:venue_detail", pk=venue.pk)


@require_POST
@staff_view
def funding_remove(request, pk, project_id):
    venue = selectors.venue_get(request.user, pk, permission=VENUES_CHANGE)
    project = get_object_or_404(FundingProject, pk=project_id, venue=venue)
    call_service(request, services.funding_remove, success=_("The funding project was removed."),
                 actor=request.user, project=project)
    return redirect("venues:venue_detail", pk=venue.pk)


@staff_view
def closure_edit(request, pk, closure_id):
    venue = selectors.venue_get(request.user, pk, permission=VENUES_CHANGE)
    closure = get_object_or_404(VenueClosure, pk=closure_id, venue=venue)
    form = ClosureForm(request.POST or None, initial={"start_date": closure.start_date,
                                                      "end_date": closure.end_date, "reason": closure.reason})
    if request.method == "POST" and form.is_valid():
        outcome = call_service(request, services.closure_update, form=form, success=_("The closure was saved."),
                               actor=request.user, closure=closure, **form.cleaned_data)
        if outcome.ok:
            return redirect("venues:venue_detail", pk=venue.pk)
    return render(request, "venues/staff/closure_form.html", {"venue": venue, "closure": closure, "form": form})


@require_POST
@staff_view
def closure_remove(request, pk, closure_id):
    venue = selectors.venue_get(request.user, pk, permission=VENUES_CHANGE)
    closure = get_object_or_404(VenueClosure, pk=closure_id, venue=venue)
    call_service(request, services.closure_remove, success=_("The closure was removed."), actor=request.user,
                 closure=closure)
    return redirect("venues:venue_detail", pk=venue.pk)
