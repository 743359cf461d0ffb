from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import OrgScopedModel, ScopedByLookup, province_code_field


class Course(OrgScopedModel):
    """A skill-improvement training course run by a union (the organisation) or its partner (the organiser)."""

    title = models.CharField(_("title"), max_length=200)
    title_pinyin = models.CharField(max_length=600, blank=True)
    title_initials = models.CharField(max_length=200, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200)
    trade = models.CharField(_("trade"), max_length=100)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    funding = models.DecimalField(_("funding"), max_digits=12, decimal_places=2, default=0)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    open_for_registration = models.BooleanField(_("workers may register"), default=True)

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                   name="course_ends_after_start"),
            models.CheckConstraint(condition=models.Q(funding__gte=0), name="course_funding_not_negative"),
        ]

    def __str__(self):
        return self.title


class CourseSession(ScopedByLookup, models.Model):
    """One meeting of a course; its check-in code (``checkin_token``) is the QR code shown at the door."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    day = models.DateField(_("day"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    checkin_token = models.CharField(max_length=32, unique=True)
    province_code = province_code_field()

    scope_path_lookup = "course__org__path"

    class Meta:
        verbose_name = _("course session")
        verbose_name_plural = _("course sessions")
        ordering = ["day", "id"]

    def __str__(self):
        return f"{self.course} {self.day}"


class Enrolment(ScopedByLookup, models.Model):
    """A member on a course's roster; completion moves through ENROLMENT_FLOW."""

    class State(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Source(models.TextChoices):
        STAFF = "staff", _("Added by staff")
        ROSTER = "roster", _("Roster import")
        SELF = "self", _("Registered by the worker")
        DOOR = "door", _("Checked in at the door")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="enrolments")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.ENROLLED)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.STAFF)
    created_at = models.DateTimeField(_("enrolled at"), auto_now_add=True)
    province_code = province_code_field()

    scope_path_lookup = "course__org__path"

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["course", "id"]
        constraints = [models.UniqueConstraint(fields=["course", "person"], name="one_enrolment_per_course")]

    def __str__(self):
        return f"{self.course_id}/{self.person_id}"


class Attendance(ScopedByLookup, models.Model):
    """One attendance (人次): a person at a session, counted once (database constraint). ``day`` and ``course``
    repeat the session's so that figures and lists need no join."""

    class Source(models.TextChoices):
        ROSTER = "roster", _("Roster import")
        SCAN = "scan", _("Scanned at the door")
        STAFF = "staff", _("Recorded by staff")

    session = models.ForeignKey(CourseSession, on_delete=models.CASCADE, related_name="attendances")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey("members.Person", on_delete=models.PROTECT, related_name="+")
    day = models.DateField(_("day"), db_index=True)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.ROSTER)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    province_code = province_code_field()

    scope_path_lookup = "course__org__path"

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["-day", "-id"]
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="one_attendance_per_session")]
        indexes = [models.Index(fields=["person", "day"], name="attendance_person_day")]

    def __str__(self):
        return f"{self.session_id}/{self.person_id}"
