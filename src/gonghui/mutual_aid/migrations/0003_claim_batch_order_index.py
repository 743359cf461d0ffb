"""The period's claims by state in id order: payout batches take the oldest approved claims without a sort."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("mutual_aid", "0002_finish"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='claim',
            name='ma_claim_period_state',
        ),
        migrations.AddIndex(
            model_name='claim',
            index=models.Index(fields=['period', 'state', 'id'], name='ma_claim_period_state_id'),
        ),
    ]
