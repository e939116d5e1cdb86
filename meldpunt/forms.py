"""The report form and the code form, with their Dutch messages."""

import re

from django import forms
from django.core.validators import EmailValidator

from meldpunt import choices

TEXT_MAX = 5000
CONTACT_MAX = 200
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ./-]{7,18}$")


def too_long(limit: int) -> str:
    return f"Je tekst is te lang: maximaal {limit} tekens, nu %(show_value)d. Maak hem wat korter."


class ReportForm(forms.Form):
    danger = forms.ChoiceField(
        label="Is iemand nu in gevaar?",
        choices=choices.DANGER,
        widget=forms.RadioSelect,
        error_messages={"required": "Zeg of iemand nu in gevaar is: kies ‘Ja’ of ‘Nee’."},
    )
    who = forms.ChoiceField(
        label="Wie ben jij?",
        choices=choices.WHO,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies wie jij bent."},
    )
    what = forms.MultipleChoiceField(
        label="Wat gebeurt er?",
        help_text="Kies alles wat past.",
        choices=choices.WHAT,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    setting = forms.ChoiceField(
        label="Waar gebeurt het?",
        choices=choices.SETTING,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies waar het gebeurt."},
    )
    platform = forms.ChoiceField(label="Op welk platform of welke app?", required=False)
    since = forms.ChoiceField(label="Sinds wanneer?", choices=choices.SINCE, widget=forms.RadioSelect, required=False)
    how_often = forms.ChoiceField(
        label="Hoe vaak?", choices=choices.HOW_OFTEN, widget=forms.RadioSelect, required=False
    )
    text = forms.CharField(
        label="Vertel wat er gebeurt",
        help_text=(
            "In je eigen woorden. Zet er geen namen, adressen of telefoonnummers van anderen in "
            f"als dat niet nodig is. Maximaal {TEXT_MAX} tekens."
        ),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": "Vertel in een paar zinnen wat er gebeurt.",
            "max_length": too_long(TEXT_MAX),
        },
    )
    age_group = forms.ChoiceField(label="Hoe oud is wie het overkomt?", choices=choices.AGE_GROUP, required=False)
    province = forms.ChoiceField(label="In welke provincie?", choices=choices.PROVINCE, required=False)
    answer_by = forms.ChoiceField(
        label="Hoe wil je een antwoord?",
        choices=choices.ANSWER,
        initial=choices.CODE,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies hoe je een antwoord wil."},
    )
    contact = forms.CharField(
        label="Je e-mailadres of telefoonnummer",
        help_text="Alleen als je een antwoord via e-mail of telefoon wil. We bewaren het versleuteld.",
        required=False,
        max_length=CONTACT_MAX,
        error_messages={"max_length": too_long(CONTACT_MAX)},
    )

    def __init__(self, *args, platforms=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["platform"].choices = [("", "Kies een platform (als het online gebeurt)"), *platforms]
        self.fields["platform"].error_messages["invalid_choice"] = "Kies een platform uit de lijst."
        for name in ("danger", "who", "setting", "since", "how_often", "age_group", "province", "answer_by", "what"):
            self.fields[name].error_messages["invalid_choice"] = "Kies een van de mogelijkheden in de lijst."

    def clean(self):
        data = super().clean()
        answer_by = data.get("answer_by")
        contact = (data.get("contact") or "").strip()
        if answer_by == choices.EMAIL:
            try:
                EmailValidator()(contact)
            except forms.ValidationError:
                self.add_error(
                    "contact", "Vul een geldig e-mailadres in, bv. naam@voorbeeld.be, of kies een andere manier."
                )
        elif answer_by == choices.PHONE:
            if not PHONE_PATTERN.match(contact):
                self.add_error("contact", "Vul een telefoonnummer in met alleen cijfers, bv. 0470 12 34 56.")
        else:
            contact = ""  # never keep contact details nobody asked us to use
        data["contact"] = contact
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Je code",
        help_text="De woorden en het getal die je kreeg na je melding, bv. appel-fiets-zon-tijger-47.",
        max_length=200,
        error_messages={
            "required": "Vul je code in.",
            "max_length": "Deze code is te lang. Een code bestaat uit vier woorden en een getal.",
        },
    )


class AddForm(CodeForm):
    text = forms.CharField(
        label="Wat wil je nog vertellen?",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Schrijf eerst wat je wil toevoegen.", "max_length": too_long(TEXT_MAX)},
    )
