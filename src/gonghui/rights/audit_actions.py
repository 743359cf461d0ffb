"""Audit actions of the rights module."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import AuditAction, register_actions

register_actions(
    AuditAction("rights.case_create", _("Legal-aid case taken in")),
    AuditAction("rights.case_update", _("Legal-aid case changed")),
    AuditAction("rights.case_review", _("Legal-aid eligibility review started")),
    AuditAction("rights.case_ask_worker", _("Legal-aid case waiting for the worker")),
    AuditAction("rights.case_resume", _("Legal-aid review resumed")),
    AuditAction("rights.case_accept", _("Legal-aid case accepted")),
    AuditAction("rights.case_refuse", _("Legal-aid case refused")),
    AuditAction("rights.case_assign", _("Legal-aid case assigned")),
    AuditAction("rights.case_start", _("Work on a legal-aid case started")),
    AuditAction("rights.case_close", _("Legal-aid case closed")),
    AuditAction("rights.case_reopen", _("Legal-aid case reopened")),
    AuditAction("rights.case_reopen_unpaid", _("Legal-aid case reopened: a payment was not made")),
    AuditAction("rights.case_withdraw", _("Legal-aid case withdrawn")),
    AuditAction("rights.activity_add", _("Legal-aid activity recorded")),
    AuditAction("rights.case_rate", _("Legal-aid service rated")),
    AuditAction("rights.paper_read", _("Legal-aid paper read")),
    AuditAction("rights.export", _("Legal-aid cases exported")),
    AuditAction("rights.case_worker_save", _("Lawyer or mediator saved")),
    AuditAction("rights.holiday_save", _("Holiday calendar changed")),
    AuditAction("rights.mediation_begin", _("Court referral mediation begun")),
    AuditAction("rights.mediation_agree", _("Mediation agreement recorded")),
    AuditAction("rights.mediation_confirm", _("Judicial confirmation recorded")),
    AuditAction("rights.mediation_give_back", _("Mediation returned to the court")),
    AuditAction("rights.instalment_pay", _("Instalment received")),
    AuditAction("rights.instalment_fail", _("Instalment not paid")),
    AuditAction("rights.schedule_set", _("Payment schedule set")),
    AuditAction("rights.letter_make", _("Letter made")),
    AuditAction("rights.case_merge", _("Legal-aid case merged into another")),
    AuditAction("rights.case_split", _("Collective case split")),
    AuditAction("rights.member_add", _("Worker added to a collective case")),
    AuditAction("rights.member_remove", _("Worker removed from a collective case")),
    AuditAction("rights.case_lock", _("Legal-aid case locked for editing")),
    AuditAction("rights.case_unlock", _("Legal-aid case unlocked")),
    owner="rights",
)
