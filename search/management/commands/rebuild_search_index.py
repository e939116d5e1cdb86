"""Rebuild the public search index from the published content, with a progress bar."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from search.backends import engine_behind_since, get_backend, sync_synonyms
from search.backends.base import SearchUnavailable
from search.registry import all_documents, count_all


class Command(BaseCommand):
    help = "Bouwt de zoekindex opnieuw op uit alle gepubliceerde inhoud."

    def add_arguments(self, parser):
        parser.add_argument(
            "--synonyms-only",
            action="store_true",
            help="Alleen de synoniemenlijst van de zoekmachine bijwerken (Elasticsearch).",
        )
        parser.add_argument(
            "--changed-since",
            nargs="?",
            const="",
            metavar="TIJDSTIP",
            help="Alleen inhalen wat sinds TIJDSTIP (ISO 8601) veranderde; zonder TIJDSTIP: "
            "sinds de zoekmachine (Elasticsearch/OpenSearch) onbereikbaar werd.",
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
        if options["changed_since"] is not None:
            self._catch_up(backend, options["changed_since"])
            return
        expected = max(1, count_all())
        started = time.monotonic()
        self.stdout.write(f"Zoekindex opbouwen ({backend.name}): ongeveer {expected} items")
        done = backend.rebuild(_with_progress(all_documents(), expected, self._bar), progress=None)
        self._bar(done, max(done, 1), final=True)
        if getattr(backend, "catch_up", None) is not None and engine_behind_since() is not None:
            # FallbackBackend rebuilt the database index but could not reach the cluster.
            raise CommandError(
                f"Alleen de databankindex is opnieuw opgebouwd ({done} items): de zoekmachine "
                f"({backend.name}) was niet bereikbaar. Zoeken werkt via de databank. Draai "
                "`manage.py rebuild_search_index --changed-since` of een volledige rebuild "
                "zodra de zoekmachine weer antwoordt."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Klaar: {done} items in {time.monotonic() - started:.1f} s.")
        )

    def _catch_up(self, backend, text: str) -> None:
        catch_up = getattr(backend, "catch_up", None)
        if catch_up is None:
            self.stdout.write("De databankzoekmachine is altijd actueel: niets in te halen.")
            return
        if text:
            since = parse_datetime(text)
            if since is None:
                raise CommandError(
                    f"{text!r} is geen tijdstip. Schrijf het zo: 2026-11-29T14:30 (ISO 8601)."
                )
            if timezone.is_naive(since):
                since = timezone.make_aware(since)
        else:
            since = engine_behind_since()
            if since is None:
                self.stdout.write(f"De zoekmachine ({backend.name}) mist niets: niets in te halen.")
                return
        try:
            indexed, deleted = catch_up(since)
        except SearchUnavailable as error:
            raise CommandError(
                f"De zoekmachine is nog niet bereikbaar ({error}). Probeer later opnieuw."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Bijgewerkt sinds {since:%Y-%m-%d %H:%M}: {indexed} items opnieuw "
                f"geïndexeerd, {deleted} verwijderd."
            )
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
