"""The org-scoped base: every business row belongs to an organisation and reaches its path by one lookup.

``ScopedByLookup`` derives the object check (``scope_path``) from the queryset lookup (``scope_path_lookup``), so
the two can no longer disagree. ``OrgScopedModel`` adds the columns a new module's rows carry: the organisation,
the province code (kept on every large table so a national deployment can shard by province) and timestamps.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Read once: new rows are of the province this deployment serves. (The literal "53" lives only in settings.)
PROVINCE_CODE: str = settings.GONGHUI_PROVINCE_CODE
# A path no organisation has: an object that reaches no organisation (a person without a membership) is in
# nobody's subtree, so every scope check on it fails closed.
NO_PATH = "\x00"


class ScopedByLookup:
    """Mixin for models: ``scope_path`` follows ``scope_path_lookup`` (e.g. ``"claim__org__path"``)."""

    scope_path_lookup: str = "org__path"

    @property
    def scope_path(self) -> str:
        value = self
        for part in self.scope_path_lookup.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return NO_PATH
        return value


def province_code_field(**kwargs) -> models.CharField:
    """The province code column: a Python default for the ORM and a database default for bulk writers (COPY)
    that name only some columns."""
    return models.CharField(_("province code"), max_length=2, default=PROVINCE_CODE, db_default=PROVINCE_CODE,
                            **kwargs)


class OrgScopedModel(ScopedByLookup, models.Model):
    """Abstract base of a business row: organisation, province code, created/updated timestamps."""

    org = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("organisation"))
    province_code = province_code_field()
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope_path_lookup = "org__path"

    class Meta:
        abstract = True
