"""Encryption at rest for report texts, replies, notes and contact details.

Fernet (AES-128-CBC with HMAC-SHA256) from the `cryptography` library; MultiFernet over the keys
in MELDPUNT_KEYS (newest first): the first key encrypts, every key decrypts, so a new key can be
put in front and old rows re-encrypted with `manage.py rotate_meldpunt_key`. The keys are never
in the database: a dump or backup alone reveals nothing.
"""

import binascii
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from django.conf import settings


class KeyUnavailable(Exception):
    """No usable key: none configured, a malformed one, or not the key that encrypted a row."""


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise KeyUnavailable("MELDPUNT_KEYS (or MELDPUNT_KEY_FILE) is not set.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, binascii.Error) as error:
        raise KeyUnavailable("A key in MELDPUNT_KEYS is not a valid Fernet key.") from error


def fernet() -> MultiFernet:
    return _fernet_for(tuple(getattr(settings, "MELDPUNT_KEYS", []) or []))


def check() -> str:
    """'' when the keys are usable, else what is wrong (English, for the operator)."""
    try:
        fernet()
    except KeyUnavailable as error:
        return str(error)
    return ""


def seal(text: str) -> str:
    return fernet().encrypt(text.encode("utf-8")).decode("ascii")


def unseal(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise KeyUnavailable("None of the keys in MELDPUNT_KEYS decrypts this report.") from error


def rotate(token: str) -> str:
    """The same plaintext, encrypted with the newest key."""
    try:
        return fernet().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise KeyUnavailable("None of the keys in MELDPUNT_KEYS decrypts this report.") from error


def sealed(field_name: str) -> property:
    """A model attribute kept encrypted in the text field `field_name` ('' stays '')."""

    def get(instance):
        token = getattr(instance, field_name)
        return unseal(token) if token else ""

    def set_(instance, value):
        setattr(instance, field_name, seal(value) if value else "")

    return property(get, set_)
