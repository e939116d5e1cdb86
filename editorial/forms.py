from django import forms

from wagtail.admin.forms import WagtailAdminPageForm

from editorial.completeness import missing_message, research_missing
from editorial.evidence import evidence_errors


class PracticePageForm(WagtailAdminPageForm):
    """Page form of practices.PracticePage: applies the evidence rule on publish and submit.

    Saving a draft defers validation (Wagtail's `defer_required_fields`), so drafts may stay
    incomplete.
    """

    def _linked_research_count(self) -> int:
        formset = self.formsets.get("research_links")
        if formset is None:
            return 0
        count = 0
        for form in formset.forms:
            if not form.is_valid():
                continue
            data = form.cleaned_data
            if data.get("research") and not data.get("DELETE"):
                count += 1
        return count

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation:
            return cleaned_data
        errors = evidence_errors(
            cleaned_data.get("evidence_level"),
            self._linked_research_count(),
            cleaned_data.get("evidence_justification"),
        )
        for field, message in errors.items():
            if field in self.fields:
                self.add_error(field, message)
            else:
                raise forms.ValidationError(message)
        return cleaned_data


class ResearchPageForm(WagtailAdminPageForm):
    """Page form of research.ResearchPage: publishing (also approving in the editor) needs
    the summary, findings, region, method and the citation's source; drafts and submitting
    for review do not (an imported reference starts as an empty draft)."""

    def _publishes(self) -> bool:
        data = self.data or {}
        return "action-publish" in data or (
            "action-workflow-action" in data and data.get("workflow-action-name") == "approve"
        )

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation or not self._publishes():
            return cleaned_data
        missing = research_missing(cleaned_data)
        if missing:
            for name, label in missing.items():
                if name in self.fields:
                    self.add_error(name, f"Vul {label} in voor je publiceert.")
            raise forms.ValidationError(missing_message(list(missing.values())))
        return cleaned_data


class ReferenceImportForm(forms.Form):
    file = forms.FileField(
        label="Bestand met referenties",
        help_text=(
            "Een BibTeX-bestand (.bib) of RIS-bestand (.ris), bijvoorbeeld geëxporteerd uit "
            "Zotero, EndNote, Mendeley of Google Scholar. Hoogstens 5 MB."
        ),
    )
    parent = forms.ModelChoiceField(
        label="Plaats in de site",
        queryset=None,
        empty_label=None,
        help_text="Onder welk overzicht komen de nieuwe onderzoekssamenvattingen?",
    )
    submit_for_review = forms.BooleanField(
        label="Meteen ter beoordeling voorleggen aan de wetenschappelijke raad",
        required=False,
        help_text=(
            "Laat dit uit als je de samenvattingen eerst zelf wilt aanvullen (samenvatting, "
            "bevindingen, regio en methode)."
        ),
    )
    dry_run = forms.BooleanField(
        label="Alleen controleren (proefimport)",
        required=False,
        help_text="Toont wat er geïmporteerd zou worden, zonder iets aan te maken.",
    )

    def __init__(self, *args, parents=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents
        self.fields["parent"].error_messages["invalid_choice"] = "Kies een overzicht van onderzoek uit de lijst."
        self.fields["file"].error_messages.update(
            {
                "required": "Kies een bestand om te importeren.",
                "empty": "Het gekozen bestand is leeg.",
                "invalid": "Dit is geen geldig bestand.",
            }
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".bib", ".bibtex", ".ris", ".txt")):
            raise forms.ValidationError("Kies een BibTeX-bestand (.bib) of een RIS-bestand (.ris).")
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("Het bestand is te groot (meer dan 5 MB).")
        return upload
