import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("orders", "0003_remove_order_order_account_status_and_more")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
