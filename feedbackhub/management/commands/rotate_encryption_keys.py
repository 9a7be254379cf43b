from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from feedbackhub.crypto import EncryptedTextField

BATCH_SIZE = 1000


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with the first key of FIELD_ENCRYPTION_KEYS. "
        "Put the new key first, run this, then drop the old key."
    )

    def handle(self, *args, **options):
        for model in apps.get_models():
            fields = [field.name for field in model._meta.concrete_fields if isinstance(field, EncryptedTextField)]
            if not fields:
                continue
            rewritten = 0
            queryset = model._default_manager.only("pk", *fields).order_by("pk")
            batch = []
            for row in queryset.iterator(chunk_size=BATCH_SIZE):
                batch.append(row)
                if len(batch) == BATCH_SIZE:
                    rewritten += self._rewrite(model, batch, fields)
                    batch = []
            rewritten += self._rewrite(model, batch, fields)
            self.stdout.write(f"{model._meta.label}: {rewritten} rows re-encrypted ({', '.join(fields)})")

    @staticmethod
    @transaction.atomic
    def _rewrite(model, rows, fields):
        # Reading decrypted with any key; saving encrypts with the first one.
        model._default_manager.bulk_update(rows, fields)
        return len(rows)
