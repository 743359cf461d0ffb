"""The organisations a staff user acts for, with names, for the home page and the organisation switcher."""

from dataclasses import dataclass

from .. import scope
from ..middleware import SESSION_ACTING_ORG


@dataclass(frozen=True)
class ActingChoice:
    org_id: int
    label: str
    level: str
    roles: tuple[str, ...]  # role labels


def acting_choices(user) -> list[ActingChoice]:
    by_org: dict[int, list[scope.Grant]] = {}
    for grant in scope.all_grants(user):
        by_org.setdefault(grant.org_id, []).append(grant)
    labels = scope.org_labels(by_org)
    ordered = sorted(by_org.values(), key=lambda grants: grants[0].org_path)
    return [
        ActingChoice(org_id=grants[0].org_id, label=labels.get(grants[0].org_id, f"#{grants[0].org_id}"),
                     level=grants[0].org_level, roles=tuple(str(g.role.label) for g in grants))
        for grants in ordered
    ]


def current_acting_org(request) -> int | None:
    return request.session.get(SESSION_ACTING_ORG) if hasattr(request, "session") else None


def set_acting_org(request, org_id: int | None) -> bool:
    """Act for one organisation (it must be one where the user holds a role), or for all of them (None)."""
    if org_id is None:
        request.session.pop(SESSION_ACTING_ORG, None)
        return True
    if org_id not in {g.org_id for g in scope.all_grants(request.user)}:
        return False
    request.session[SESSION_ACTING_ORG] = org_id
    return True
