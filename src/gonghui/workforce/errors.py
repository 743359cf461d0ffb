"""Error codes of the workforce module (RFC 7807 in the API, messages on the pages)."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed


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


class NoQuota(ValidationFailed):
    code = "workforce_contest_no_quota"
    default_message = _("The member's union has no places in this trade.")


class QuotaFull(Conflict):
    code = "workforce_contest_quota_full"
    default_message = _("The union has used all its places in this trade.")


class ContestNotOpen(Conflict):
    code = "workforce_contest_not_open"
    default_message = _("This trade does not take registrations now.")


class AlreadyRegistered(Conflict):
    code = "workforce_contest_already_registered"
    default_message = _("This member is already registered in this trade.")


class ScoresLocked(Conflict):
    code = "workforce_scores_locked"
    default_message = _("The results are published: scores are locked. Ask for a correction instead.")


class NotScoring(Conflict):
    code = "workforce_contest_not_scoring"
    default_message = _("Scores are entered only while the trade is being scored.")


class CorrectionNeedsPublished(Conflict):
    code = "workforce_correction_not_published"
    default_message = _("Corrections are for published scores; before publishing, the judge enters the score again.")


class SecondPersonRequired(PermissionDenied):
    code = "workforce_second_person_required"
    default_message = _("A correction is decided by someone other than the person who asked for it.")


class WeightsInvalid(ValidationFailed):
    code = "workforce_contest_weights_invalid"
    default_message = _("The theory and practice weights must add up to 100.")
