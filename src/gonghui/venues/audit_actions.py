"""Audit actions of service venues. Before this registry the module wrote ``venue.*`` beside ``venues.import_*``;
the codes are now ``venues.*`` and the old ones stay aliases, since logged rows are never rewritten."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import AuditAction, register_actions


def A(code: str, label) -> AuditAction:
    """A venues action, with the `venue.` code it was logged under before the rename as its alias."""
    old = code.replace("venues.", "venue.", 1)
    return AuditAction(code, label, aliases=(old,) if old != code else ())


register_actions(
    A("venues.create", _("Venue created")),
    A("venues.update", _("Venue changed")),
    A("venues.approve", _("Venue approved")),
    A("venues.reject", _("Venue returned for changes")),
    A("venues.resubmit", _("Venue submitted again")),
    AuditAction("venues.status_suspend", _("Venue closed temporarily")),
    AuditAction("venues.status_close", _("Venue closed for good")),
    AuditAction("venues.status_reopen", _("Venue reopened")),
    A("venues.closure_add", _("Venue closure added")),
    A("venues.closure_update", _("Venue closure changed")),
    A("venues.closure_remove", _("Venue closure removed")),
    A("venues.honour_add", _("Venue honour added")),
    A("venues.honour_remove", _("Venue honour removed")),
    A("venues.funding_add", _("Venue funding added")),
    A("venues.funding_remove", _("Venue funding removed")),
    A("venues.photo_add", _("Venue photo added")),
    A("venues.photo_remove", _("Venue photo removed")),
    A("venues.daily_count", _("Daily visitor count recorded")),
    A("venues.problem_acknowledge", _("Problem report taken up")),
    A("venues.problem_resolve", _("Problem report resolved")),
    A("venues.problem_dismiss", _("Problem report dismissed")),
    A("venues.export", _("Venues exported")),
    AuditAction("venues.import_venues", _("Venue import committed")),
    AuditAction("venues.import_demand", _("Demand-point import committed")),
    owner="venues",
)
