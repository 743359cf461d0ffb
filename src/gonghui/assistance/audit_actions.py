"""Audit actions of the hardship-worker module."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import AuditAction, register_actions

register_actions(
    AuditAction("assistance.file.create", _("Hardship file opened")),
    AuditAction("assistance.file.screen", _("Hardship file screened")),
    AuditAction("assistance.file.visit", _("Home visit recorded")),
    AuditAction("assistance.file.cross_check", _("Hardship file cross-checked")),
    AuditAction("assistance.file.publish", _("Hardship file put on public notice")),
    AuditAction("assistance.file.approve", _("Hardship file approved")),
    AuditAction("assistance.file.file", _("Hardship file filed")),
    AuditAction("assistance.file.refuse", _("Hardship file refused")),
    AuditAction("assistance.file.exit", _("Household lifted out of hardship")),
    AuditAction("assistance.file.reopen", _("Hardship file reopened (return to hardship)")),
    AuditAction("assistance.file.member_add", _("Household member added")),
    AuditAction("assistance.file.objection", _("Objection to a public notice recorded")),
    AuditAction("assistance.file.reveal", _("Household income or health shown whole")),
    AuditAction("assistance.file.export", _("Hardship files exported")),
    AuditAction("assistance.file.permanent", _("Temporary hardship file made permanent")),
    AuditAction("assistance.file.anonymise", _("Old withdrawn hardship files anonymised")),
    AuditAction("assistance.aid.propose", _("Aid proposed")),
    AuditAction("assistance.aid.approve", _("Aid approved")),
    AuditAction("assistance.aid.refuse", _("Aid refused")),
    AuditAction("assistance.aid.pay", _("Aid paid")),
    AuditAction("assistance.fund.create", _("Aid fund created")),
    AuditAction("assistance.fund.top_up", _("Aid fund topped up")),
    AuditAction("assistance.standard.set", _("Minimum-living standard set")),
    AuditAction("assistance.warning.dismiss", _("Early warning dismissed")),
    AuditAction("assistance.review.run", _("Yearly review run")),
    AuditAction("assistance.review.decide", _("Yearly review decided by a person")),
    AuditAction("assistance.review.spot_check", _("Yearly review spot-checked")),
    owner="assistance",
)
