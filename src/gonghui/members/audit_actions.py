"""Audit actions of persons, units, memberships, transfers, member cards and worker accounts."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import AuditAction as A
from gonghui.core.audit import register_actions

register_actions(
    A("person.create", _("Person registered")),
    A("person.update", _("Person changed")),
    A("person.reveal", _("Personal number shown in full")),
    A("membership.start", _("Membership started")),
    A("membership.status", _("Membership status changed")),
    A("unit.create", _("Unit created")),
    A("unit.update", _("Unit changed")),
    A("transfer.request", _("Transfer requested")),
    A("transfer.accept", _("Transfer accepted")),
    A("transfer.refuse", _("Transfer refused")),
    A("transfer.cancel", _("Transfer cancelled")),
    A("members.import", _("Member import committed")),
    A("members.export", _("Members exported")),
    A("card.verify", _("Member card checked")),
    A("worker.signup", _("Worker signed up")),
    A("auth.worker_login", _("Worker sign-in")),
    A("person.identity_conflict", _("Self-registered identity met the union's record")),
    A("person.identity_conflict.confirmed", _("Self-registered identity confirmed")),
    A("person.identity_conflict.detached", _("Self-registered account detached")),
    owner="members",
)
