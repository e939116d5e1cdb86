"""The help-finder questions as plain GET forms: every step works without JavaScript."""

from django import forms

from helpfinder.routing import DANGER, WHERE, WHO

STEP_FIELDS = ["wie", "waar", "gevaar"]
TOTAL_STEPS = len(STEP_FIELDS)

QUESTIONS = {
    "wie": "Wie ben je?",
    "waar": "Waar gebeurt het?",
    "gevaar": "Is iemand nu in gevaar?",
}
HINTS = {
    "wie": "Kies wat het best bij jou past. Je blijft anoniem: we bewaren je antwoorden niet.",
    "waar": "Kies de plek waar het vooral gebeurt.",
    "gevaar": "Bijvoorbeeld: iemand wordt bedreigd, is gewond of wil zichzelf iets aandoen.",
}
ERRORS = {
    "wie": "Kies wie je bent om verder te gaan.",
    "waar": "Kies waar het gebeurt om verder te gaan.",
    "gevaar": "Kies of iemand nu in gevaar is om verder te gaan.",
}


def _field(name: str, choices) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=QUESTIONS[name],
        choices=[(key, label) for key, label, _ in choices],
        widget=forms.RadioSelect,
        error_messages={"required": ERRORS[name], "invalid_choice": ERRORS[name]},
    )


class HelpFinderForm(forms.Form):
    wie = _field("wie", WHO)
    waar = _field("waar", WHERE)
    gevaar = _field("gevaar", DANGER)

    OPTION_DETAILS = {
        "wie": WHO,
        "waar": WHERE,
        "gevaar": DANGER,
    }


def resolve_step(params, *, final: bool = False) -> tuple[int, dict, dict]:
    """Which step to show for these query parameters.

    Returns (step, answers, errors): step 1-3 is a question, 4 the route page. `answers` holds
    the valid answers of the earlier steps; `errors` maps the field of the current step to a
    Dutch message when that answer was given but is missing or unknown. On the route URL
    (`final`) a missing answer is an error too, so the visitor lands on the question to answer.
    A step's form sends `vraag=<field>`: submitting it without choosing is an error as well
    (an unchecked radio button sends nothing).
    """
    form = HelpFinderForm(params)
    form.is_valid()
    answers: dict[str, str] = {}
    for index, name in enumerate(STEP_FIELDS, start=1):
        if name not in params and not final and params.get("vraag") != name:
            return index, answers, {}
        if name in form.errors:
            return index, answers, {name: form.errors[name][0]}
        answers[name] = form.cleaned_data[name]
    return TOTAL_STEPS + 1, answers, {}
