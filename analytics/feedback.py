""" "Was deze pagina nuttig?": validation and spam resistance without cookies or IP addresses.

- same-origin only (Origin or Sec-Fetch-Site), so no CSRF cookie is needed;
- a honeypot field that people never see;
- a signed timestamp: the form must have been on screen a few seconds, and not for days;
- a global per-page and site-wide cap per minute in the cache (no per-visitor key at all);
- a length cap and no links in the comment; e-mail addresses and numbers are masked.
"""

import logging
import re

from django.conf import settings

from analytics.counting import mask_personal
from analytics.models import COMMENT_MAX_LENGTH
from core import formguard

logger = logging.getLogger("analytics")
SIGNING_NAMESPACE = "analytics.feedback"
URL_PATTERN = re.compile(r"https?://|www\.|\[url|<a\s", re.IGNORECASE)


def setting(name, default):
    return getattr(settings, name, default)


def make_token() -> str:
    return formguard.make_timestamp(SIGNING_NAMESPACE)


class FeedbackError(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def check_same_origin(request) -> None:
    ok = formguard.is_same_origin(request)
    if not ok:
        raise FeedbackError(
            "Je feedback is niet verstuurd: gebruik het formulier onderaan de pagina "
            "op deze website.",
            status=403,
        )


def check_token(value) -> None:
    problem, _ = formguard.read_timestamp(
        value,
        SIGNING_NAMESPACE,
        min_seconds=setting("ANALYTICS_FEEDBACK_MIN_SECONDS", 2),
        max_age=setting("ANALYTICS_FEEDBACK_MAX_AGE", 2 * 86400),
    )
    if problem == formguard.EXPIRED:
        raise FeedbackError("Het formulier is verlopen. Kies opnieuw ‘Ja’ of ‘Nee’ en verstuur het nog eens.")
    if problem == formguard.TOO_FAST:
        raise FeedbackError("Dat ging erg snel. Wacht een paar tellen en verstuur het formulier opnieuw.")


def check_rate(page_id) -> None:
    limits = [
        (f"analytics:feedback:{page_id}", setting("ANALYTICS_FEEDBACK_PER_PAGE_PER_MINUTE", 6)),
        ("analytics:feedback:all", setting("ANALYTICS_FEEDBACK_PER_MINUTE", 30)),
    ]
    for key, limit in limits:
        if formguard.over_limit(key, limit):
            raise FeedbackError(
                "Er komt op dit moment erg veel feedback binnen. Probeer het over een minuut opnieuw.",
                status=429,
            )


def clean(data) -> dict:
    """Validate the posted fields; returns {"page_id", "useful", "comment"} or raises."""
    if (data.get("website") or "").strip():
        raise FeedbackError(
            "Je feedback is niet opgeslagen: het formulier lijkt automatisch ingevuld."
        )
    check_token(data.get("t"))
    answer = (data.get("nuttig") or "").strip().lower()
    if answer not in ("ja", "nee"):
        raise FeedbackError("Kies ‘Ja’ of ‘Nee’ bij ‘Was deze pagina nuttig?’.")
    comment = (data.get("opmerking") or "").replace("\r\n", "\n").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise FeedbackError(
            f"Je opmerking is te lang: maximaal {COMMENT_MAX_LENGTH} tekens, nu {len(comment)}. "
            "Maak ze wat korter en verstuur opnieuw."
        )
    if URL_PATTERN.search(comment):
        raise FeedbackError("Laat links weg uit je opmerking, dan kunnen we ze opslaan.")
    try:
        page_id = int(data.get("pagina") or "")
    except ValueError as exc:
        raise FeedbackError(
            "We weten niet over welke pagina je feedback gaat. Probeer het opnieuw vanaf de pagina."
        ) from exc
    return {"page_id": page_id, "useful": answer == "ja", "comment": mask_personal(comment)}
