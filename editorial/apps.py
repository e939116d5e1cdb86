from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Redactie"

    def ready(self):
        # lazy: models (and the page classes) are not loaded before ready().
        from editorial import signals
        from editorial.forms import PracticePageForm, ResearchPageForm
        from practices.models import PracticePage
        from research.models import ResearchPage

        # The editorial rules on the page forms: content does not know editorial.
        PracticePage.base_form_class = PracticePageForm
        ResearchPage.base_form_class = ResearchPageForm
        signals.connect()
