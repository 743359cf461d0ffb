"""What orgs provides to core.scope (core imports no app): grants, organisation names and subtrees, and the
directory the indicator registry names children with. Registered through orgs' manifest."""


def register() -> None:
    from gonghui.core import scope

    from . import selectors

    scope.register_grant_provider(selectors.grants_for_user)
    # Names and subtrees for core's organisation switcher and audit viewer.
    scope.register_org_label_provider(_org_labels)
    scope.register_subtree_ids_provider(_subtree_ids)
    # Ids, paths and names for the indicator registry (series by child organisation, the API's ?org=).
    scope.register_org_directory(scope.OrgDirectory(get=_org_ref, children=_org_children,
                                                    at_paths=_orgs_at_paths))


def _org_labels(ids):
    from .models import Organisation

    return dict(Organisation.objects.filter(pk__in=ids).values_list("id", "name"))


def _subtree_ids(paths):
    from functools import reduce
    from operator import or_

    from django.db.models import Q

    from .models import Organisation

    # A lazy queryset: used in a filter it becomes a subquery, not a list of thousands of ids.
    return Organisation.objects.filter(reduce(or_, (Q(path__startswith=p) for p in paths))).values_list(
        "id", flat=True)


_REF_FIELDS = ("pk", "path", "name", "level")


def _org_ref(org_id):
    from gonghui.core.scope import OrgRef

    from .models import Organisation

    row = Organisation.objects.filter(pk=org_id).values_list(*_REF_FIELDS).first()
    return OrgRef(*row) if row else None


def _org_children(path):
    from gonghui.core.scope import OrgRef

    from .models import Organisation

    rows = Organisation.objects.filter(parent__path=path).order_by("path").values_list(*_REF_FIELDS)
    return [OrgRef(*row) for row in rows]


def _orgs_at_paths(paths):
    from gonghui.core.scope import OrgRef

    from .models import Organisation

    paths = list(paths)
    qs = Organisation.objects.filter(parent__isnull=True) if "" in paths else Organisation.objects.none()
    qs = qs | Organisation.objects.filter(path__in=[p for p in paths if p])
    return [OrgRef(*row) for row in qs.order_by("path").values_list(*_REF_FIELDS)]
