import datetime

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

import gonghui.core.models.security

GRACE = datetime.timedelta(days=30)


def give_every_token_an_expiry(apps, schema_editor):
    """Tokens made without an end date expire GONGHUI_API_TOKEN_MAX_DAYS after their creation, but not before
    30 days from now, so the systems using them have time to switch to a new token."""
    ApiToken = apps.get_model("core", "ApiToken")
    lifetime = datetime.timedelta(days=settings.GONGHUI_API_TOKEN_MAX_DAYS)
    earliest = timezone.now() + GRACE
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=max(token.created_at + lifetime, earliest))


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0007_job_ip'),
    ]

    operations = [
        migrations.RunPython(give_every_token_an_expiry, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(default=gonghui.core.models.security.token_default_expiry,
                                       verbose_name='expires'),
        ),
    ]
