"""The file columns of ClaimDocument go: the file, its name, type, size, uploader and time are the core.Attachment's
(0007 moved every row)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("mutual_aid", "0007_claim_documents_as_attachments"),
    ]

    operations = [
        migrations.RemoveField(model_name="claimdocument", name="file"),
        migrations.RemoveField(model_name="claimdocument", name="original_name"),
        migrations.RemoveField(model_name="claimdocument", name="content_type"),
        migrations.RemoveField(model_name="claimdocument", name="size"),
        migrations.RemoveField(model_name="claimdocument", name="uploaded_by"),
        migrations.RemoveField(model_name="claimdocument", name="uploaded_at"),
        migrations.AlterField(
            model_name="claimdocument",
            name="attachment",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                       to="core.attachment", verbose_name="file"),
        ),
    ]
