"""The worker's pages at /m/workforce/: my skills record (trainings, levels, honours, pairs), the courses I may
register for, and the check-in page a session's QR code opens. Everything is the signed-in worker's own."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import ApplicationError

from .. import selectors, services
from .common import worker_required


@worker_required
def record(request, person):
    return render(request, "workforce/mobile/record.html", {"person": person,
                                                            "record": selectors.my_skills_record(person)})


@worker_required
def courses(request, person):
    mine = selectors.my_enrolment_course_ids(person)
    listed = list(selectors.open_courses_for(person)[:100])
    for course in listed:
        course.mine = course.pk in mine
    return render(request, "workforce/mobile/courses.html", {"courses": listed})


@worker_required
@require_POST
def register(request, person, pk):
    course = selectors.open_course_get(person, pk)
    if course is None:
        raise Http404
    try:
        services.worker_register(user=request.user, person=person, course=course)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("You are registered for %(course)s.") % {"course": course.title})
    return redirect("m_workforce:courses")


@worker_required
def check_in(request, person, token):
    session = selectors.session_by_token(token)
    if session is None:
        raise Http404
    counted = None
    if request.method == "POST":
        try:
            _attendance, counted = services.check_in(user=request.user, person=person, token=token)
        except ApplicationError as exc:
            messages.error(request, exc.message)
    return render(request, "workforce/mobile/check_in.html", {"session": session, "counted": counted})
