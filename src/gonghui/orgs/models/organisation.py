from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import PROVINCE_CODE, ScopedByLookup


class Organisation(ScopedByLookup, models.Model):
    """A union organisation in the tree: province → prefecture → county → grassroots (plus joint and industry
    unions hanging under a geographic level).

    ``path`` is a materialised path of zero-padded ids ("00000001/00000005/"), so a subtree is one indexed
    prefix query on both databases, and the org scope (core.scope) works on path prefixes.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province federation")
        PREFECTURE = "prefecture", _("Prefecture / city federation")
        COUNTY = "county", _("County / district federation")
        GRASSROOTS = "grassroots", _("Grassroots union")

    class Kind(models.TextChoices):
        FEDERATION = "federation", _("Federation of trade unions")
        INDUSTRY = "industry", _("Industry union")
        GRASSROOTS = "grassroots", _("Union of an employer")
        JOINT = "joint", _("Regional or trade joint union")
        COMMUNITY = "community", _("Town, park or community union")

    name = models.CharField(_("name"), max_length=120)
    name_pinyin = models.CharField(max_length=400, blank=True, db_index=True)
    name_initials = models.CharField(max_length=120, blank=True, db_index=True)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name=_("parent organisation"))
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    division = models.ForeignKey("orgs.Division", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="organisations", verbose_name=_("administrative division"))
    # Kept on every organisation so large tables can later be sharded by province (docs/deploy.md).
    province_code = models.CharField(_("province code"), max_length=2, default=PROVINCE_CODE)
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope_path_lookup = "path"

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]
        indexes = [
            models.Index(fields=["path"], name="org_path_prefix", opclasses=["varchar_pattern_ops"]),
            # select boxes list federations first (depth, path): an index scan instead of sorting 110,000 rows
            models.Index(fields=["depth", "path"], name="org_depth_path"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(parent__isnull=False) | models.Q(level="province"),
                                   name="org_only_province_is_root"),
        ]

    def __str__(self):
        return self.name

    def is_within(self, other: "Organisation") -> bool:
        return self.path.startswith(other.path)
