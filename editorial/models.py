"""Moderation: the scientific board's approval task."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models

from wagtail.models import GroupApprovalTask

from editorial.completeness import missing_message, research_missing_parts
from editorial.evidence import is_practice, practice_evidence_errors


def _latest_version(obj):
    """The content under review: the latest revision, not the (possibly older) live row."""
    getter = getattr(obj, "get_latest_revision_as_object", None)
    return getter() if getter else obj


class BoardApprovalTask(GroupApprovalTask):
    """Approval by the scientific board (Wetenschappelijke raad).

    Works like Wagtail's group approval, but a practice that breaks the evidence rule cannot
    be approved: the board only gets 'Request changes' until the practice is complete.
    """

    def _breaks_evidence_rule(self, obj) -> bool:
        obj = _latest_version(obj)
        return is_practice(obj) and bool(practice_evidence_errors(obj))

    def _missing_research_parts(self, obj) -> list[str]:
        return research_missing_parts(_latest_version(obj))

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self._breaks_evidence_rule(obj):
            actions = [action for action in actions if action[0] != "approve"]
        if actions and (missing := self._missing_research_parts(obj)):
            # No approval; the one action left says what is missing, in the editor's menu.
            label = "Wijzigingen vragen (ontbreekt: " + ", ".join(missing) + ")"
            actions = [
                (name, label if name == "reject" else text, modal) for name, text, modal in actions if name != "approve"
            ]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        # Approving the last task publishes the latest revision: that is the one to check.
        content = task_state.workflow_state.content_object
        if action_name == "approve" and self._breaks_evidence_rule(content.specific):
            raise PermissionDenied("De bewijskracht van deze praktijk is niet onderbouwd.")
        if action_name == "approve" and (missing := self._missing_research_parts(content.specific)):
            raise PermissionDenied(missing_message(missing))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return (
            "Leden van de gekozen groepen keuren goed of vragen wijzigingen; een goede praktijk "
            "met bewijskracht zonder gekoppeld onderzoek of onderbouwing kan niet worden "
            "goedgekeurd."
        )

    class Meta:
        verbose_name = "beoordeling door de wetenschappelijke raad"
        verbose_name_plural = "beoordelingen door de wetenschappelijke raad"


class ReferenceImport(models.Model):
    """One uploaded reference file, imported by a background task; its progress and report."""

    class Status(models.TextChoices):
        QUEUED = "wachtrij", "In de wachtrij"
        RUNNING = "bezig", "Bezig"
        DONE = "klaar", "Klaar"
        FAILED = "mislukt", "Mislukt"

    created_at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    parent = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    submit_for_review = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    references = models.JSONField(default=list)  # the parsed file: importers.Reference fields
    report = models.JSONField(default=dict, blank=True)  # importers.ImportReport.to_json()

    class Meta:
        verbose_name = "import van referenties"
        verbose_name_plural = "imports van referenties"

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
