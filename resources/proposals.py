"""The public form "Materiaal voorstellen": validation in plain Dutch, nothing lost on an error."""

from django import forms
from django.core.validators import URLValidator

TEXT_LIMITS = {"title": 200, "owner_name": 200, "audience": 200, "why": 3000}
NUL_MESSAGE = (
    "Je tekst bevatte onzichtbare tekens (NUL) die we niet kunnen bewaren. We haalden ze weg: "
    "kijk je tekst na en verstuur opnieuw."
)


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

    def __init__(self, data=None, **kwargs):
        self.had_nul = False
        if data is not None:
            data = data.copy()
            for key in list(data.keys()):
                values = data.getlist(key)
                if any("\x00" in v for v in values):
                    self.had_nul = True
                    data.setlist(key, [v.replace("\x00", "") for v in values])
        super().__init__(data, **kwargs)

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

    def clean(self):
        cleaned = super().clean()
        if self.had_nul:
            raise forms.ValidationError(NUL_MESSAGE)
        return cleaned
