"""Load Amazon's marketplaces (feedbackhub/tenancy/marketplace_data.py)."""

from django.db import migrations

from feedbackhub.tenancy.marketplace_data import MARKETPLACES, marketplaces_load


def load(apps, schema_editor):
    marketplaces_load(apps.get_model("tenancy", "Marketplace"))


def unload(apps, schema_editor):
    apps.get_model("tenancy", "Marketplace").objects.filter(id__in=[row[0] for row in MARKETPLACES]).delete()


class Migration(migrations.Migration):
    dependencies = [("tenancy", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
