"""Every API error in one shape, in Dutch and in English: {"detail", "detail_en", "errors"}."""

from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler

MESSAGES = {
    exceptions.NotFound: (
        "Dit item bestaat niet (meer) of is niet openbaar.",
        "This item does not exist or is not public.",
    ),
    exceptions.MethodNotAllowed: (
        "Deze API kan alleen lezen: gebruik GET.",
        "This API is read-only: use GET.",
    ),
    exceptions.NotAcceptable: (
        "Deze API antwoordt alleen in JSON (Accept: application/json).",
        "This API only answers in JSON (Accept: application/json).",
    ),
    exceptions.ValidationError: (
        "Een of meer parameters kloppen niet; zie 'errors'.",
        "One or more parameters are not valid; see 'errors'.",
    ),
}


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a real bug: Django's 500 handling (logged) takes over
    errors = {}
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 60)
        nl = f"Te veel aanvragen. Probeer het over {wait} seconden opnieuw."
        en = f"Too many requests. Please try again in {wait} seconds."
    else:
        nl, en = next(
            (texts for cls, texts in MESSAGES.items() if isinstance(exc, cls)),
            ("Deze aanvraag kan niet worden verwerkt.", "This request cannot be processed."),
        )
        if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
            errors = {field: _flat(messages) for field, messages in exc.detail.items()}
    response.data = {"detail": nl, "detail_en": en, "errors": errors}
    return response


def _flat(messages) -> list[str]:
    """A list field's errors come per position ({0: [...]}); callers want the sentences."""
    if isinstance(messages, dict):
        return [text for value in messages.values() for text in _flat(value)]
    if isinstance(messages, list):
        return [text for value in messages for text in _flat(value)]
    return [str(messages)]
