from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "gonghui.orgs"
    label = "orgs"
    verbose_name = _("Organisations")

    def ready(self):
        from gonghui.core import scope

        from . import selectors

        scope.register_grant_provider(selectors.grants_for_user)
        # Names and subtrees for core's organisation switcher and audit viewer.
        scope.register_org_label_provider(_org_labels)
        scope.register_subtree_ids_provider(_subtree_ids)
        from . import demo

        demo.register()


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
