"""The counsellors' inbox in the Wagtail admin: only for members of the group "Meldpunt 1712"
(superusers too must be in the group: reading reports is the helpline's work, no one else's).

Every opening and every change is written to the access log, without any content. When the key
is missing, the inbox still lists reports (their choices are not encrypted) and a report page
says what is wrong; nothing is changed or lost.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from meldpunt import choices, crypto, referrals, service
from meldpunt.crypto import KeyUnavailable
from meldpunt.forms import TEXT_MAX
from meldpunt.models import AccessLog, Message, Report

KEY_ERROR = (
    "De sleutel om meldingen te lezen ontbreekt of klopt niet op de server. Er is niets verloren: alle meldingen "
    "blijven versleuteld bewaard. Vraag de technisch beheerder de sleutel terug te zetten (MELDPUNT_KEYS of "
    "MELDPUNT_KEY_FILE, zie README). Tot dan kan je geen meldingen lezen of beantwoorden."
)


def require_counsellor(request):
    if not service.is_counsellor(request.user):
        raise PermissionDenied


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Antwoord aan de melder",
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="De melder leest dit met de code. Geen namen van anderen. Verwijzingen hieronder komen eronder.",
        error_messages={"max_length": f"Maximaal {TEXT_MAX} tekens."},
    )
    referrals = forms.MultipleChoiceField(
        label="Verwijzing toevoegen", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referrals"].choices = [(key, title) for key, title, _ in referrals.referrals()]

    def clean(self):
        data = super().clean()
        parts = [(data.get("text") or "").strip(), *referrals.texts(data.get("referrals") or [])]
        data["body"] = "\n\n".join(part for part in parts if part)
        if not data["body"] and not self.errors:
            raise forms.ValidationError("Schrijf een antwoord of kies een verwijzing.")
        return data


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Interne notitie",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Alleen voor de medewerkers van 1712; de melder ziet dit nooit.",
        error_messages={"required": "Schrijf eerst een notitie.", "max_length": f"Maximaal {TEXT_MAX} tekens."},
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=Report.STATUSES)


def inbox(request):
    require_counsellor(request)
    status = request.GET.get("status", "")
    reports = Report.objects.all()
    if status in dict(Report.STATUSES):
        reports = reports.filter(status=status)
    else:
        status = ""
    counts = {key: Report.objects.filter(status=key).count() for key, _ in Report.STATUSES}
    return TemplateResponse(
        request,
        "meldpunt/admin/inbox.html",
        {
            "page_title": "Meldpunt 1712",
            "header_icon": "mail",
            "reports": reports[:500],
            "status": status,
            "statuses": [(key, label, counts[key]) for key, label in Report.STATUSES],
            "key_error": KEY_ERROR if crypto.check() else "",
        },
    )


def _log(request, report, action):
    AccessLog.objects.create(report_number=report.pk, user=request.user, action=action)


def detail(request, pk):
    require_counsellor(request)
    report = get_object_or_404(Report, pk=pk)
    reply_form, note_form, status_form = ReplyForm(), NoteForm(), StatusForm(initial={"status": report.status})
    if request.method == "POST":
        action = request.POST.get("actie")
        if crypto.check() and action in ("antwoord", "notitie"):
            messages.error(request, KEY_ERROR)
            return redirect("meldpunt_report", pk=report.pk)
        if action == "antwoord":
            reply_form = ReplyForm(request.POST)
            if reply_form.is_valid():
                _add(request, report, Message.COUNSELLOR, reply_form.cleaned_data["body"])
                messages.success(request, "Je antwoord is verstuurd. De melder leest het met de code.")
                return redirect("meldpunt_report", pk=report.pk)
        elif action == "notitie":
            note_form = NoteForm(request.POST)
            if note_form.is_valid():
                _add(request, report, Message.NOTE, note_form.cleaned_data["note"])
                messages.success(request, "Je notitie is bewaard.")
                return redirect("meldpunt_report", pk=report.pk)
        elif action == "status":
            status_form = StatusForm(request.POST)
            if status_form.is_valid():
                _set_status(request, report, status_form.cleaned_data["status"])
                messages.success(request, f"De status is nu ‘{report.get_status_display()}’.")
                return redirect("meldpunt_report", pk=report.pk)
    else:
        _log(request, report, AccessLog.OPENED)
    key_error, conversation, contact = "", [], ""
    try:
        conversation = [(m, m.body) for m in report.messages.select_related("author")]
        contact = report.contact
    except KeyUnavailable:
        key_error = KEY_ERROR
    return TemplateResponse(
        request,
        "meldpunt/admin/report.html",
        {
            "page_title": f"Melding {report.pk}",
            "header_icon": "mail",
            "report": report,
            "facts": _facts(report),
            "conversation": conversation,
            "contact": contact,
            "key_error": key_error,
            "reply_form": reply_form,
            "note_form": note_form,
            "status_form": status_form,
            "log": AccessLog.objects.filter(report_number=report.pk).select_related("user")[:50],
        },
        status=503 if key_error else 200,
    )


def _facts(report):
    platforms = dict(service.platform_choices())
    return [
        ("Nu in gevaar", "Ja" if report.danger_now else "Nee"),
        ("Wie meldt", report.get_who_display()),
        ("Wat gebeurt er", ", ".join(report.what_labels) or "–"),
        ("Waar", report.get_setting_display()),
        ("Platform", platforms.get(report.platform, report.platform or "–")),
        ("Sinds", report.get_since_display() or "–"),
        ("Hoe vaak", report.get_how_often_display() or "–"),
        ("Leeftijd", choices.label(choices.AGE_GROUP, report.age_group)),
        ("Provincie", choices.label(choices.PROVINCE, report.province)),
        ("Antwoord via", report.get_answer_by_display()),
    ]


def _add(request, report, kind, text):
    message = Message(kind=kind, author=request.user)
    message.body = text
    now = timezone.now()
    with transaction.atomic():
        message.report = report
        message.save()
        if kind == Message.COUNSELLOR:
            Report.objects.filter(pk=report.pk).update(
                status=Report.ANSWERED, answered_at=now, last_activity_at=now, closed_at=None
            )
            _log(request, report, AccessLog.REPLIED)
        else:
            if report.status == Report.NEW:
                Report.objects.filter(pk=report.pk).update(status=Report.IN_PROGRESS)
            _log(request, report, AccessLog.NOTED)


def _set_status(request, report, status):
    report.status = status
    report.closed_at = timezone.now() if status == Report.CLOSED else None
    with transaction.atomic():
        report.save(update_fields=["status", "closed_at"])
        _log(request, report, AccessLog.STATUS)


def access_log(request):
    require_counsellor(request)
    return TemplateResponse(
        request,
        "meldpunt/admin/access_log.html",
        {
            "page_title": "Meldpunt 1712: toegangslog",
            "header_icon": "list-ul",
            "entries": AccessLog.objects.select_related("user")[:500],
        },
    )
