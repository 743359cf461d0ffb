"""Error codes of the workforce module (RFC 7807 in the API, messages on the pages)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, NotFound, ValidationFailed


class DatesInvalid(ValidationFailed):
    code = "workforce_dates_invalid"
    default_message = _("The end date is before the start date.")


class SessionOutsideCourse(ValidationFailed):
    code = "workforce_session_outside_course"
    default_message = _("The session day is outside the course's dates.")


class CheckInCodeUnknown(NotFound):
    code = "workforce_checkin_unknown"
    default_message = _("This check-in code is not valid.")


class RegistrationClosed(Conflict):
    code = "workforce_registration_closed"
    default_message = _("This course does not take registrations.")


class CourseFull(Conflict):
    code = "workforce_course_full"
    default_message = _("This course is full.")


class AlreadyEnrolled(Conflict):
    code = "workforce_already_enrolled"
    default_message = _("You are already on this course.")


class LevelAlreadyRecorded(Conflict):
    code = "workforce_level_already_recorded"
    default_message = _("This level in this trade is already recorded for this member: an upgrade counts once.")


class CertificateNumberTaken(Conflict):
    code = "workforce_certificate_number_taken"
    default_message = _("This certifying body has already issued a certificate with this number.")


class PersonOutsideOrganiser(ValidationFailed):
    code = "workforce_person_outside"
    default_message = _("This member does not belong to a union under the organising union.")


class MentorIsApprentice(ValidationFailed):
    code = "workforce_mentor_is_apprentice"
    default_message = _("A master cannot be their own apprentice.")


class PairExists(Conflict):
    code = "workforce_pair_exists"
    default_message = _("This master-apprentice pair is already recorded for this trade.")
