"""`manage.py check_links`: check every external link of the live pages and keep the result."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from linkcheck.checker import LinkChecker
from linkcheck.extract import page_links
from linkcheck.models import FAILING, CheckedLink, PageLink


class Command(BaseCommand):
    help = "Check the external links of all live pages (polite: robots.txt, timeouts, one request per host at a time)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds per request (default 10).")
        parser.add_argument("--concurrency", type=int, default=4, help="Hosts checked in parallel (default 4).")
        parser.add_argument("--delay", type=float, default=1.0, help="Seconds between two requests to one host.")

    def handle(self, *args, timeout, concurrency, delay, **options):
        started = time.monotonic()
        found: dict[str, set[int]] = {}
        for page_id, url in page_links():
            found.setdefault(url, set()).add(page_id)
        self.stdout.write(f"{len(found)} external links on live pages.")
        checker = LinkChecker(timeout=timeout, concurrency=concurrency, delay=delay)
        results = checker.check_all(found)
        now = timezone.now()
        with transaction.atomic():
            existing = {link.url: link for link in CheckedLink.objects.filter(url__in=found)}
            for result in results:
                link = existing.get(result.url) or CheckedLink(url=result.url)
                link.record(
                    result.state, status_code=result.status_code, final_url=result.final_url,
                    redirects=result.redirects, error=result.error, now=now,
                )
                link.save()
                existing[result.url] = link
            # Which pages point where: replaced as a whole; links no page uses any more go.
            PageLink.objects.all().delete()
            PageLink.objects.bulk_create(
                PageLink(page_id=page_id, link=existing[url]) for url, ids in found.items() for page_id in ids
            )
            CheckedLink.objects.exclude(url__in=list(found)).delete()
        failing = sum(1 for r in results if r.state in FAILING)
        self.stdout.write(
            self.style.SUCCESS(
                f"Checked {len(results)} links in {time.monotonic() - started:.1f} s: {failing} failing."
            )
        )
