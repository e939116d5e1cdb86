"""The public form "Materiaal voorstellen": validation in plain Dutch, nothing lost on an error."""

from django import forms
from django.core.validators import URLValidator

# NUL bytes never reach this form: core.middleware drops them from every parameter.
TEXT_LIMITS = {"title": 200, "owner_name": 200, "audience": 200, "why": 3000}


def _too_long(limit: int) -> str:
    return f"Dit is te lang: maximaal {limit} tekens, nu %(show_value)s. Maak het korter en verstuur opnieuw."


class ProposalForm(forms.Form):
    title = forms.CharField(
        label="Naam van het materiaal", max_length=TEXT_LIMITS["title"],
        error_messages={"required": "Vul de naam van het materiaal in.", "max_length": _too_long(200)},
    )
    url = forms.CharField(
        label="Link naar het materiaal", max_length=1000,
        help_text="Het webadres bij de eigenaar, beginnend met https://",
        error_messages={"required": "Vul de link naar het materiaal in.", "max_length": _too_long(1000)},
    )
    owner_name = forms.CharField(
        label="Van wie is het?", max_length=TEXT_LIMITS["owner_name"],
        help_text="De organisatie die het materiaal maakte.",
        error_messages={"required": "Vul in van wie het materiaal is.", "max_length": _too_long(200)},
    )
    audience = forms.CharField(
        label="Voor wie is het?", max_length=TEXT_LIMITS["audience"],
        help_text="Bv. leerkrachten secundair onderwijs, jeugdwerkers, werkgevers.",
        error_messages={"required": "Vul in voor wie het materiaal is.", "max_length": _too_long(200)},
    )
    why = forms.CharField(
        label="Waarom helpt het?", max_length=TEXT_LIMITS["why"], widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Vertel kort waarom het materiaal helpt.", "max_length": _too_long(3000)},
    )
    email = forms.EmailField(
        label="Je e-mailadres (niet verplicht)", required=False, max_length=254,
        help_text="Alleen als je een antwoord wil. We wissen het zodra de raad je voorstel behandelde.",
        error_messages={"invalid": "Dit e-mailadres klopt niet. Laat het leeg of verbeter het."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            described = [f"id_{name}-hulp"] if field.help_text else []
            if self.is_bound and name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"
                described.append(f"id_{name}-fout")
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    def clean_url(self):
        url = self.cleaned_data["url"].strip()
        message = "Geef een gewoon webadres dat begint met https:// of http://."
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(message)
        try:
            URLValidator(schemes=["http", "https"])(url)
        except forms.ValidationError as exc:
            raise forms.ValidationError(message) from exc
        return url
