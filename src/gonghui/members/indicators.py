"""Figures of the members module, registered with core.indicators (imported from MembersConfig.ready).

Members are a stock read from the memberships in force on a day (joined on or before it, not ended by it), so a
past date answers as it stood then and a transfer moves a person between subtrees on its day. Units are a stock
by their registration date (an employer that closed is taken off the register, not dated)."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gonghui.core import roles
from gonghui.core.indicators import Aggregation, Indicator, Unit, register_indicator

from .models import Membership, Person, Transfer
from .models import Unit as Employer

VIEW = roles.MEMBERS_VIEW
MEMBER_AS_OF = ("joined_on", "ended_on")
JOINT_KINDS = ("joint", "community")  # orgs.Organisation.Kind values of unions that take in other employers


def _memberships(**filters):
    return lambda: Membership.objects.filter(**filters)


def _members(code: str, label, definition, **filters) -> Indicator:
    return Indicator(code, label, definition, Unit.PERSONS, Aggregation.DISTINCT, VIEW,
                     rows=_memberships(**filters), as_of=MEMBER_AS_OF, field="person_id")


def register() -> None:
    register_indicator(_members(
        "members.members", _("Members"),
        _("Persons holding a membership (active or retired) of a union in the subtree on the last day of the "
          "window; each person once.")))
    for category, label in Person.Category.choices:
        register_indicator(_members(
            f"members.members_{category}", format_lazy(_("Members: {category}"), category=label),
            format_lazy(_("Members (as “Members”) whose worker category is “{category}”."), category=label),
            person__category=category))
    register_indicator(Indicator(
        "members.units", _("Units (employers)"),
        _("Active employers attached to a union in the subtree, registered on or before the last day of the "
          "window."), Unit.ITEMS, Aggregation.COUNT, VIEW,
        rows=lambda: Employer.objects.filter(is_active=True), as_of=("created_at", None)))
    register_indicator(Indicator(
        "members.units_own_union", _("Units with a union of their own"),
        _("Units (as “Units”) whose union is the grassroots union of that employer."), Unit.ITEMS,
        Aggregation.COUNT, VIEW, rows=lambda: Employer.objects.filter(is_active=True, org__kind="grassroots"),
        as_of=("created_at", None)))
    register_indicator(Indicator(
        "members.units_joint_union", _("Units in a joint union"),
        _("Units (as “Units”) whose workers belong to a regional, trade, town, park or community joint union."),
        Unit.ITEMS, Aggregation.COUNT, VIEW,
        rows=lambda: Employer.objects.filter(is_active=True, org__kind__in=JOINT_KINDS),
        as_of=("created_at", None)))
    register_indicator(Indicator(
        "members.joinings", _("Joinings"),
        _("Memberships that began in the window other than by a transfer (people joining the union), by the "
          "day they joined."), Unit.PERSON_TIMES, Aggregation.COUNT, VIEW,
        rows=lambda: Membership.objects.filter(arrived_by_transfer__isnull=True), when="joined_on"))
    register_indicator(Indicator(
        "members.transfers", _("Transfers accepted"),
        _("Membership transfers accepted by a receiving union in the subtree, by the day of the decision."),
        Unit.PERSON_TIMES, Aggregation.COUNT, VIEW,
        rows=lambda: Transfer.objects.filter(state=Transfer.State.ACCEPTED), org_path="to_org__path",
        when="decided_at"))
