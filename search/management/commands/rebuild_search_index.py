"""Rebuild the public search index from the published content, with a progress bar."""

import time

from django.core.management.base import BaseCommand

from search.backends import get_backend, sync_synonyms
from search.documents import all_documents, count_all


class Command(BaseCommand):
    help = "Bouwt de zoekindex opnieuw op uit alle gepubliceerde inhoud."

    def add_arguments(self, parser):
        parser.add_argument(
            "--synonyms-only",
            action="store_true",
            help="Alleen de synoniemenlijst van de zoekmachine bijwerken (Elasticsearch).",
        )

    def handle(self, *args, **options):
        backend = get_backend()
        if options["synonyms_only"]:
            changed = sync_synonyms()
            self.stdout.write(
                self.style.SUCCESS("Synoniemen bijgewerkt.")
                if changed
                else f"Synoniemen van {backend.name} waren al actueel."
            )
            return
        expected = max(1, count_all())
        started = time.monotonic()
        self.stdout.write(f"Zoekindex opbouwen ({backend.name}): ongeveer {expected} items")
        done = backend.rebuild(_with_progress(all_documents(), expected, self._bar), progress=None)
        self._bar(done, max(done, 1), final=True)
        self.stdout.write(
            self.style.SUCCESS(f"Klaar: {done} items in {time.monotonic() - started:.1f} s.")
        )

    def _bar(self, done: int, expected: int, final: bool = False) -> None:
        width = 30
        filled = min(width, round(width * done / expected)) if expected else width
        ending = "\n" if final else ""
        self.stdout.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{expected}", ending=ending
        )
        self.stdout.flush()


def _with_progress(documents, expected, bar, every=25):
    for n, document in enumerate(documents, start=1):
        if n % every == 0:
            bar(n, max(expected, n))
        yield document
