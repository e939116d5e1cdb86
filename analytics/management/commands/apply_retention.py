"""Run daily (cron, systemd timer or the container's scheduler): see analytics.retention."""

from django.conf import settings
from django.core.management.base import BaseCommand

from analytics.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Empty visitors' comments and merge rare search terms older than the retention "
        "period; delete old failed login attempts and meldpunt reports past their period. "
        "Safe to run repeatedly."
    )

    def handle(self, *args, **options):
        result = apply_retention()
        self.stdout.write(
            f"Comments emptied (older than {settings.FEEDBACK_COMMENT_RETENTION_DAYS} days): "
            f"{result.comments_emptied}\n"
            f"Rare search terms merged (older than {settings.SEARCH_TERM_RETENTION_DAYS} days, "
            f"used fewer than {settings.SEARCH_TERM_MIN_COUNT} times): "
            f"{result.search_rows_merged} search rows, {result.landing_rows_merged} landing rows\n"
            f"Failed login attempts deleted (older than "
            f"{settings.LOGIN_ATTEMPT_RETENTION_DAYS} days): {result.login_attempts_deleted}\n"
            f"Meldpunt reports deleted: {result.reports_closed_deleted} closed (closed more than "
            f"{settings.MELDPUNT_CLOSED_RETENTION_DAYS} days ago), {result.reports_open_deleted} not closed "
            f"(no message for {settings.MELDPUNT_OPEN_RETENTION_DAYS} days); access log entries deleted: "
            f"{result.report_access_log_deleted}"
        )
