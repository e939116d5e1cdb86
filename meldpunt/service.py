"""What the views do with reports: store one (all or nothing), find one by its code, add to it,
tell the counsellors, and say whether 1712 is reachable now."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from helpfinder.models import BRUSSELS, HelpService, PlatformGuide, brussels_now
from meldpunt import choices, codes
from meldpunt.models import Message, MonthlyCount, Report

logger = logging.getLogger("meldpunt")

GROUP = "Meldpunt 1712"
LINE = "1712"
#: Dimensions of the monthly figures: the name and the Report field it counts.
DIMENSIONS = {"totaal": None, "wie": "who", "omgeving": "setting", "platform": "platform", "leeftijd": "age_group"}


def counsellors():
    return get_user_model().objects.filter(is_active=True, groups__name=GROUP).distinct()


def is_counsellor(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.groups.filter(name=GROUP).exists())


def create_report(data: dict) -> str:
    """Store a report from the cleaned form data; returns its code (never stored). Encrypting
    happens before anything is written, and the report, its text and the monthly counts are
    written in one transaction: a failure leaves nothing behind."""
    code = codes.new_code()
    now = timezone.now()
    report = Report(
        created_at=now,
        last_activity_at=now,
        code_hash=codes.code_hash(code),
        danger_now=data["danger"] == "ja",
        who=data["who"],
        what=",".join(data.get("what") or []),
        setting=data["setting"],
        platform=data.get("platform") or "",
        since=data.get("since") or "",
        how_often=data.get("how_often") or "",
        age_group=data.get("age_group") or "",
        province=data.get("province") or "",
        answer_by=data["answer_by"],
    )
    report.contact = data.get("contact") or ""  # encrypts (raises KeyUnavailable without a key)
    first = Message(kind=Message.REPORTER, created_at=now)
    first.body = data["text"]
    with transaction.atomic():
        report.save()
        first.report = report
        first.save()
        _count(report)
        transaction.on_commit(
            lambda: notify("Nieuwe melding in het meldpunt", "Er is een nieuwe melding binnengekomen.")
        )
    return code


def _count(report: Report) -> None:
    month = report.created_at.astimezone(BRUSSELS).date().replace(day=1)
    for dimension, field in DIMENSIONS.items():
        value = getattr(report, field) if field else ""
        if dimension == "platform" and report.setting != "online" and not value:
            continue
        row, _ = MonthlyCount.objects.get_or_create(month=month, dimension=dimension, value=value or "")
        MonthlyCount.objects.filter(pk=row.pk).update(count=F("count") + 1)


def find(code: str) -> Report | None:
    """The report with this code, or None. The same work for every input: one slow hash and
    one indexed lookup, then a constant-time comparison."""
    digest = codes.code_hash(code)
    report = Report.objects.filter(code_hash=digest).first()
    stored = report.code_hash if report else "0" * 64
    return report if codes.same(stored, digest) and report else None


def add_information(report: Report, text: str) -> None:
    message = Message(kind=Message.REPORTER)
    message.body = text
    with transaction.atomic():
        message.report = report
        message.save()
        fields = {"last_activity_at": message.created_at}
        if report.status == Report.ANSWERED:
            fields["status"] = Report.IN_PROGRESS
        Report.objects.filter(pk=report.pk).update(**fields)
        transaction.on_commit(lambda: notify("Aanvulling op een melding", f"Melding {report.pk} kreeg een aanvulling."))


def notify(subject: str, line: str) -> None:
    """E-mail the counsellors that something arrived. Never any content of the report."""
    recipients = [user.email for user in counsellors() if user.email]
    if not recipients:
        return
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    body = (
        f"{line}\n\nLees ze in de beheeromgeving: {base}/admin/meldpunt/\n\n"
        "Deze e-mail bevat bewust niets uit de melding zelf."
    )
    try:
        send_mail(subject, body, None, recipients)
    except Exception:  # noqa: BLE001 - a mail server that is down must not lose the report
        logger.exception("Meldpunt: the notification e-mail could not be sent.")


@dataclass
class Reachability:
    line: HelpService | None
    open_now: bool | None
    next_opening: object
    round_the_clock: list


def reachability(now=None) -> Reachability:
    """Is 1712 open now, when does it open next, and which lines are always open (help-finder data)."""
    now = brussels_now(now)
    services = list(HelpService.objects.prefetch_related("opening_hours"))
    line = next((s for s in services if s.slug == LINE), None)
    open_now = line.is_open(now) if line else None
    return Reachability(
        line=line,
        open_now=open_now,
        next_opening=line.next_opening(now) if line and not open_now else None,
        round_the_clock=[s for s in services if s.always_open],
    )


def platform_choices() -> list[tuple[str, str]]:
    return [(g.slug, g.name) for g in PlatformGuide.objects.all()] + choices.OTHER_PLATFORMS
