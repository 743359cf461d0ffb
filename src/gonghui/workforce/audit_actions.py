"""Audit actions of the workforce module."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import AuditAction, register_actions

register_actions(
    AuditAction("workforce.measure_create", _("Reform measure recorded")),
    AuditAction("workforce.measure_start", _("Reform measure being implemented")),
    AuditAction("workforce.measure_complete", _("Reform measure implemented")),
    AuditAction("workforce.measure_withdraw", _("Reform measure withdrawn")),
    AuditAction("workforce.course_create", _("Training course created")),
    AuditAction("workforce.session_create", _("Course session added")),
    AuditAction("workforce.enrol", _("Member enrolled on a course")),
    AuditAction("workforce.enrolment_complete", _("Course completed")),
    AuditAction("workforce.enrolment_withdraw", _("Enrolment withdrawn")),
    AuditAction("workforce.check_in", _("Checked in at a course session")),
    AuditAction("workforce.roster_import", _("Attendance roster imported")),
    AuditAction("workforce.certification_record", _("Skill level recorded")),
    AuditAction("workforce.mentor_pair_create", _("Master-apprentice pair recorded")),
    AuditAction("workforce.competition_create", _("Labour competition recorded")),
    AuditAction("workforce.participation_add", _("Competition participation recorded")),
    AuditAction("workforce.honour_add", _("Competition honour recorded")),
    AuditAction("workforce.export", _("Workforce list exported")),
    AuditAction("workforce.contest_edition_create", _("Skills contest edition created")),
    AuditAction("workforce.contest_trade_add", _("Contest trade added")),
    AuditAction("workforce.contest_quota_set", _("Contest quota set")),
    AuditAction("workforce.contest_register", _("Contestant registered")),
    AuditAction("workforce.contest_score", _("Judge's score entered")),
    AuditAction("workforce.contest_close", _("Contest registration closed, scoring opened")),
    AuditAction("workforce.contest_publish", _("Contest results published")),
    AuditAction("workforce.correction_request", _("Score correction requested")),
    AuditAction("workforce.correction_approve", _("Score correction approved")),
    AuditAction("workforce.correction_reject", _("Score correction rejected")),
    AuditAction("workforce.certificate_download", _("Contest certificate downloaded")),
    owner="workforce",
)
