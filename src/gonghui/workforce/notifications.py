"""What workforce tells people: a worker whose course registration was accepted, a member whose skill level was
recorded (the certificate entered in their skills record), a member whose course was marked completed."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.messaging import Event, notify, register_event

ENROLMENT_ACCEPTED = "workforce.enrolment_accepted"
CERTIFICATION_RECORDED = "workforce.certification_recorded"
COURSE_COMPLETED = "workforce.course_completed"


def register() -> None:
    register_event(Event(
        ENROLMENT_ACCEPTED, _("Course registration accepted"),
        _("You are registered for %(course)s"),
        _("The course starts on %(start)s at %(place)s."), sms=True,
        example={"course": "电工技能提升培训班", "start": "2026-03-02", "place": "五华区职工服务中心"}))
    register_event(Event(
        CERTIFICATION_RECORDED, _("Skill level recorded"),
        _("Your skill level %(level)s in %(trade)s is recorded"),
        _("It now shows in your skills record."), sms=True,
        example={"level": "高级工", "trade": "电工"}))
    register_event(Event(
        COURSE_COMPLETED, _("Course completed"),
        _("You completed %(course)s"),
        _("It now shows in your skills record."),
        example={"course": "电工技能提升培训班"}))


def _tell(person, event: str, obj, context: dict, key: str) -> None:
    if person.user_id is None:
        return
    notify(person.user, event, obj, context, link=reverse("m_workforce:record"), key=key)


def tell_enrolled(enrolment) -> None:
    course = enrolment.course
    _tell(enrolment.person, ENROLMENT_ACCEPTED, enrolment,
          {"course": course.title, "start": course.start_date.isoformat(), "place": course.place},
          key=f"workforce.enrolment.{enrolment.pk}")


def tell_completed(enrolment) -> None:
    _tell(enrolment.person, COURSE_COMPLETED, enrolment, {"course": enrolment.course.title},
          key=f"workforce.completed.{enrolment.pk}")


def tell_certified(certification) -> None:
    _tell(certification.person, CERTIFICATION_RECORDED, certification,
          {"level": str(certification.get_level_display()), "trade": certification.trade},
          key=f"workforce.certification.{certification.pk}")
