"""Audit actions of medical mutual aid."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import AuditAction as A
from gonghui.core.audit import register_actions

register_actions(
    A("mutual_aid.period.create", _("Mutual-aid period created")),
    A("mutual_aid.period.update", _("Mutual-aid period changed")),
    A("mutual_aid.period.open", _("Mutual-aid period opened")),
    A("mutual_aid.period.close", _("Mutual-aid period closed")),
    A("mutual_aid.plan.create", _("Benefit plan created")),
    A("mutual_aid.plan.update", _("Benefit plan changed")),
    A("mutual_aid.enrolment.create", _("Members enrolled")),
    A("mutual_aid.enrolment.late_decide", _("Late enrolment decided")),
    A("mutual_aid.enrolment.leave", _("Enrolment ended")),
    A("mutual_aid.enrolment.withdraw", _("Enrolment withdrawn")),
    A("mutual_aid.roster_import", _("Enrolment roster imported")),
    A("mutual_aid.payment.record", _("Contribution payment recorded")),
    A("mutual_aid.statement.export", _("Contribution statements exported")),
    A("mutual_aid.claim.file", _("Claim filed")),
    A("mutual_aid.claim.update", _("Claim changed")),
    A("mutual_aid.claim.submit", _("Claim submitted")),
    A("mutual_aid.claim.document_add", _("Claim document added")),
    A("mutual_aid.claim.document_remove", _("Claim document removed")),
    A("mutual_aid.claim.document_read", _("Claim document opened")),
    A("mutual_aid.claim.start_review", _("Claim review started")),
    A("mutual_aid.claim.return", _("Claim returned for changes")),
    A("mutual_aid.claim.adjust", _("Claim amount adjusted")),
    A("mutual_aid.claim.approve", _("Claim approved")),
    A("mutual_aid.claim.approve_second", _("Claim given the second approval")),
    A("mutual_aid.claim.reject", _("Claim rejected")),
    A("mutual_aid.claim.requeue", _("Failed payout queued again")),
    A("mutual_aid.claim.export", _("Claims exported")),
    A("mutual_aid.payout_batch.create", _("Payout batch created")),
    A("mutual_aid.payout_batch.export", _("Bank file exported")),
    A("mutual_aid.payout_batch.mark", _("Payout results recorded")),
    A("mutual_aid.settlement.start", _("Settlement started")),
    A("mutual_aid.settlement.approve", _("Settlement approved")),
    A("mutual_aid.report.export", _("Mutual-aid report exported")),
    A("mutual_aid.bank_change.request", _("Payee bank account change requested")),
    A("mutual_aid.bank_change.approve", _("Payee bank account change approved")),
    A("mutual_aid.bank_change.reject", _("Payee bank account change rejected")),
    owner="mutual_aid",
)
