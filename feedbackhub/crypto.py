"""Encryption at rest for buyer personal data and tokens (Fernet).

Keys come from FIELD_ENCRYPTION_KEYS (comma-separated Fernet keys). The first
key encrypts; all keys decrypt (MultiFernet), so a key is rotated by putting a
new one first and running `manage.py rotate_encryption_keys`.
"""

import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@functools.cache
def _fernet_for(keys):
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must hold at least one Fernet key.")
    return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])


def fernet():
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_text(value):
    return fernet().encrypt(value.encode("utf-8")).decode("ascii")


def decrypt_text(token):
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise ImproperlyConfigured("A value could not be decrypted with any key in FIELD_ENCRYPTION_KEYS.") from error


def blind_index(value):
    """A keyed, non-reversible digest of a value, for equality look-ups
    (repeat buyers, do-not-solicit) that keep working after the PII is purged."""
    normalized = value.strip().lower().encode("utf-8")
    key = hashlib.sha256(("blind-index:" + settings.SECRET_KEY).encode()).digest()
    return hmac.new(key, normalized, hashlib.sha256).hexdigest()


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; reads give back the plain text.

    Not searchable or sortable in SQL by design. Empty strings are stored as
    empty strings so "no value" needs no key.
    """

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt_text(value)
