from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("messaging", "0007_mailbox_inbound_address"),
    ]

    operations = [
        migrations.AddField(
            model_name="buyermessage",
            name="next_attempt_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
