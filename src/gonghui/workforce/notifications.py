"""What workforce tells people: a worker whose course registration was accepted, a member whose skill level was
recorded (the certificate entered in their skills record), a member whose course was marked completed."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.messaging import Event, notify, register_event

ENROLMENT_ACCEPTED = "workforce.enrolment_accepted"
CERTIFICATION_RECORDED = "workforce.certification_recorded"
COURSE_COMPLETED = "workforce.course_completed"
CONTEST_REGISTERED = "workforce.contest_registered"
CERTIFICATE_ISSUED = "workforce.certificate_issued"


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
    register_contest_events()


def register_contest_events() -> None:
    register_event(Event(
        CONTEST_REGISTERED, _("Contest registration accepted"),
        _("Your union registered you for %(contest)s, trade %(trade)s"),
        _("Good luck in the contest."), sms=True, example={"contest": "第五届全省职工职业技能大赛", "trade": "电工"}))
    register_event(Event(
        CERTIFICATE_ISSUED, _("Contest certificate issued"),
        _("You won the title %(title)s in %(trade)s"),
        _("Your certificate is in your skills record."), sms=True,
        example={"title": "技术能手", "trade": "电工"}))


def tell_contest_registered(entry) -> None:
    _tell(entry.person, CONTEST_REGISTERED, entry, {"contest": entry.trade.edition.title, "trade": entry.trade.trade},
          key=f"workforce.contest_entry.{entry.pk}")


def tell_certificate(entry, title_label: str) -> None:
    _tell(entry.person, CERTIFICATE_ISSUED, entry, {"title": title_label, "trade": entry.trade.trade},
          key=f"workforce.certificate.{entry.pk}.{entry.title}")


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
