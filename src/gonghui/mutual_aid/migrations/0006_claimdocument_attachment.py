"""The link from a claim document to its core.Attachment (filled by 0007), and the old file columns made nullable
so that they can be dropped (0008) and, going back, re-added empty and filled again (0007 backwards)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import gonghui.mutual_aid.models.document


class Migration(migrations.Migration):

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("mutual_aid", "0005_workflow_history"),
        ("core", "0011_attachment"),
    ]

    operations = [
        migrations.AlterField(model_name="claimdocument", name="file",
                              field=models.FileField(max_length=200, null=True,
                                                     upload_to=gonghui.mutual_aid.models.document._document_path,
                                                     verbose_name="file")),
        migrations.AlterField(model_name="claimdocument", name="content_type",
                              field=models.CharField(max_length=40, null=True)),
        migrations.AlterField(model_name="claimdocument", name="size",
                              field=models.PositiveIntegerField(null=True, verbose_name="size")),
        migrations.AlterField(model_name="claimdocument", name="uploaded_by",
                              field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT,
                                                      related_name="+", to=settings.AUTH_USER_MODEL)),
        migrations.AddField(
            model_name="claimdocument",
            name="attachment",
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                       to="core.attachment", verbose_name="file"),
        ),
    ]
