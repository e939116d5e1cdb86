"""Answers of a self-assessment in a link: compact, signed, and checked against the questions.

The link holds "12j.13d.14n" (question id + answer code) signed with the site's key, so a school
can share its plan without an account and without us storing anything. A forged or truncated
link fails the signature check and gets a clear message instead of a wrong plan.
"""

from dataclasses import dataclass

from django.core import signing

ANSWERS = {"ja": "j", "deels": "d", "nee": "n", "weet-niet": "o"}
CODES = {code: value for value, code in ANSWERS.items()}
LABELS = {"ja": "Ja", "deels": "Deels", "nee": "Nee", "weet-niet": "Weet ik niet"}
GAP_ANSWERS = ("nee", "deels", "weet-niet")
MAX_LINK_LENGTH = 2000


class AnswersError(ValueError):
    """The link cannot be read; `message` is for the visitor (Dutch)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


BROKEN = (
    "Deze link naar een actieplan is onvolledig of aangepast, dus we kunnen de antwoorden niet "
    "lezen. Kopieer de volledige link opnieuw, of vul de zelfscan opnieuw in."
)


def _signer(scan_slug: str) -> signing.Signer:
    return signing.Signer(salt=f"planning.scan.{scan_slug}")


def encode(scan_slug: str, answers: dict[int, str]) -> str:
    payload = ".".join(f"{qid}{ANSWERS[value]}" for qid, value in sorted(answers.items()))
    return _signer(scan_slug).sign(payload)


def decode(scan_slug: str, token: str) -> dict[int, str]:
    """{question id: answer} from a signed link value, or AnswersError."""
    if not token or len(token) > MAX_LINK_LENGTH:
        raise AnswersError(BROKEN)
    try:
        payload = _signer(scan_slug).unsign(token)
    except signing.BadSignature as exc:
        raise AnswersError(BROKEN) from exc
    answers = {}
    for part in payload.split(".") if payload else ():
        qid, code = part[:-1], part[-1:]
        if not qid.isdigit() or code not in CODES:
            raise AnswersError(BROKEN)
        answers[int(qid)] = CODES[code]
    return answers


@dataclass
class FormResult:
    answers: dict[int, str]
    missing: list[int]
    invalid: bool


def from_form(questions, data) -> FormResult:
    """Read the radio buttons `v<question id>`; unknown values count as missing."""
    answers, missing, invalid = {}, [], False
    for question in questions:
        value = data.get(f"v{question.pk}", "")
        if value in ANSWERS:
            answers[question.pk] = value
        else:
            invalid = invalid or bool(value)
            missing.append(question.pk)
    return FormResult(answers, missing, invalid)
