"""Model fields for personal data."""

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Stores authenticated ciphertext (see core.crypto); the Python value is the clear text.

    Never filter on this column: pair it with a keyed-hash column (``crypto.lookup_hash``) for lookups.
    """

    def __init__(self, *args, purpose: str = "", **kwargs):
        self.purpose = purpose
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["purpose"] = self.purpose
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return crypto.decrypt(value, purpose=self.purpose)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value), purpose=self.purpose)
