from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_append_only")]
    operations = [
        migrations.AddField(
            model_name="user",
            name="totp_last_step",
            field=models.BigIntegerField(blank=True, editable=False, null=True),
        ),
    ]
