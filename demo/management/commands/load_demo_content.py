"""Load the demo content of fixtures/demo/ (idempotent; safe to run again)."""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

from demo.loader import ADMIN_PASSWORD, ADMIN_USERNAME, DemoContentLoader


class Command(BaseCommand):
    help = (
        "Load the demo content (pages, documents, images, glossary, news and events) from "
        "fixtures/demo/. Idempotent: a second run updates instead of duplicating. Also creates "
        "the demo superuser 'admin' - for demo and development sites only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fixtures", help="Folder with the demo JSON files (default: fixtures/demo)."
        )
        parser.add_argument(
            "--rebuild-references",
            action="store_true",
            help="Also rebuild Wagtail's whole reference index (the loader already updates the "
            "entries of everything it changes).",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        verbosity = options["verbosity"]
        self.stdout.write("Loading demo content…")
        loader = DemoContentLoader(options.get("fixtures"), stdout=self.stdout, verbosity=verbosity)
        stats = loader.load()
        if options["rebuild_references"]:
            self.stdout.write("Rebuilding Wagtail's reference index…")
            call_command("rebuild_references_index", verbosity=0, stdout=self.stdout)
        for kind, outcomes in stats.items():
            if kind.startswith("_"):
                continue
            parts = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
            self.stdout.write(f"  {kind}: {parts}")
        self.stdout.write(
            self.style.WARNING(
                f"Demo superuser '{ADMIN_USERNAME}' has password '{ADMIN_PASSWORD}': "
                "never use demo content on a public site."
            )
        )
        self.stdout.write(
            self.style.SUCCESS(f"Demo content loaded in {time.monotonic() - started:.1f} s.")
        )
