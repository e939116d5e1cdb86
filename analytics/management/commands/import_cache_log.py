"""Count the page views Varnish answered from memory (analytics.cachelog); run from deploy/crontab."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from analytics.cachelog import import_log


class Command(BaseCommand):
    help = (
        "Add the page views that Varnish served from its cache (nginx's kenniscentrum_views log, "
        "ANALYTICS_CACHE_LOG) to the daily counters. Remembers where it stopped: safe to run "
        "again and across log rotation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--log", default=None, help="the log file (default: ANALYTICS_CACHE_LOG)")

    def handle(self, *args, log=None, **options):
        log = log or settings.ANALYTICS_CACHE_LOG
        if not log:
            if options["verbosity"] > 1:
                self.stdout.write("ANALYTICS_CACHE_LOG is not set (no Varnish in front): nothing to import.")
            return
        try:
            result = import_log(log)
        except OSError as exc:
            raise CommandError(
                f"The cache log {log} cannot be read ({exc.strerror or exc}). Check ANALYTICS_CACHE_LOG "
                "and the access_log line of deploy/nginx.conf."
            ) from exc
        for message in result.messages:
            self.stderr.write(message)
        self.stdout.write(
            f"Cached views imported from {log}: {result.counted} counted (Varnish hits by visitors), "
            f"{result.reached_app} reached the app (counted there), {result.not_counted} not counted "
            f"(bots, prefetches, HEAD, not 200), {result.malformed} malformed lines skipped."
        )
