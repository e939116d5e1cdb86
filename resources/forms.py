from django import forms
from django.utils.html import strip_tags

from wagtail.admin.forms import WagtailAdminPageForm

from core.models import LANGUAGE_CHOICES


class ResourcePageForm(WagtailAdminPageForm):
    """Page form of resources.ResourcePage: languages as tick boxes; an assessment needs its
    justification (drafts may stay incomplete)."""

    languages = forms.MultipleChoiceField(
        label="talen", choices=LANGUAGE_CHOICES, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="In welke talen is het materiaal beschikbaar?",
    )

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation:
            return cleaned_data
        assessment = cleaned_data.get("assessment")
        justification = cleaned_data.get("assessment_justification") or ""
        if assessment and assessment != "niet-beoordeeld" and not _has_text(justification):
            self.add_error(
                "assessment_justification",
                "Een beoordeling door de wetenschappelijke raad heeft een onderbouwing nodig.",
            )
        return cleaned_data


def _has_text(html: str) -> bool:
    return bool(strip_tags(html).strip())
