"""Audit actions of the newsroom: every workflow step (``media.article.<transition>``) and every other write."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import AuditAction, register_actions

register_actions(
    AuditAction("media.article.create", _("Article created")),
    AuditAction("media.article.update", _("Article changed")),
    AuditAction("media.article.submit", _("Article sent to first review")),
    AuditAction("media.article.pass_first", _("Article passed first review")),
    AuditAction("media.article.pass_second", _("Article passed second review")),
    AuditAction("media.article.pass_final", _("Article passed final review")),
    AuditAction("media.article.return_to_draft", _("Article returned to draft")),
    AuditAction("media.article.publish", _("Article published")),
    AuditAction("media.article.schedule", _("Article scheduled")),
    AuditAction("media.article.unschedule", _("Article schedule cancelled")),
    AuditAction("media.article.publish_scheduled", _("Scheduled article published")),
    AuditAction("media.article.withdraw", _("Article withdrawn")),
    AuditAction("media.article.revise", _("Withdrawn article reopened as a draft")),
    AuditAction("media.article.correct", _("Published article corrected")),
    AuditAction("media.article.push_down", _("Article pushed down to lower levels")),
    AuditAction("media.article.pick_up", _("Article picked up from another organisation")),
    AuditAction("media.article.comment", _("Comment on an article")),
    AuditAction("media.article.cover", _("Article cover uploaded")),
    AuditAction("media.word.add", _("Prohibited word added")),
    AuditAction("media.word.remove", _("Prohibited word removed")),
    AuditAction("media.export", _("Articles exported")),
    owner="media",
)
