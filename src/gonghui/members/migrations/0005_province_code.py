"""province_code on persons, memberships and units (the largest tables), filled from their organisation so
that existing rows carry the code of the province they belong to; rows are kept, none is rewritten otherwise."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

from gonghui.core.models import PROVINCE_CODE


def fill_from_organisation(apps, schema_editor):
    Organisation = apps.get_model("orgs", "Organisation")

    def code_of(field):
        return Subquery(Organisation.objects.filter(pk=OuterRef(field)).values("province_code")[:1])

    for model_name, org_field in (("Unit", "org_id"), ("Membership", "org_id"), ("Person", "current_org_id")):
        model = apps.get_model("members", model_name)
        # A person without a current membership keeps the deployment's province (the column default).
        model.objects.filter(**{f"{org_field}__isnull": False}).update(province_code=code_of(org_field))


class Migration(migrations.Migration):

    dependencies = [
        ("members", "0004_person_name_characters"),
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="membership",
            name="province_code",
            field=models.CharField(db_default=PROVINCE_CODE, default=PROVINCE_CODE, max_length=2,
                                   verbose_name="province code"),
        ),
        migrations.AddField(
            model_name="person",
            name="province_code",
            field=models.CharField(db_default=PROVINCE_CODE, default=PROVINCE_CODE, max_length=2,
                                   verbose_name="province code"),
        ),
        migrations.AddField(
            model_name="unit",
            name="province_code",
            field=models.CharField(db_default=PROVINCE_CODE, default=PROVINCE_CODE, max_length=2,
                                   verbose_name="province code"),
        ),
        migrations.RunPython(fill_from_organisation, migrations.RunPython.noop),
    ]
