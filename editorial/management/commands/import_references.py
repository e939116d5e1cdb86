"""Import a BibTeX or RIS file as draft research summaries (operators' twin of the admin view)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from editorial.importers import ReferenceFileError, import_references, parse_references
from research.models import ResearchIndexPage


class Command(BaseCommand):
    help = "Import references from a .bib or .ris file as draft research summaries."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a BibTeX (.bib) or RIS (.ris) file.")
        parser.add_argument(
            "--parent-slug",
            default=None,
            help="Slug of the research index page (default: the only research index page).",
        )
        parser.add_argument("--user", default=None, help="Username recorded as owner/author.")
        parser.add_argument("--dry-run", action="store_true", help="Report only; create nothing.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"File not found: {path}")
        parents = ResearchIndexPage.objects.all()
        if options["parent_slug"]:
            parents = parents.filter(slug=options["parent_slug"])
        parent = parents.first()
        if parent is None:
            raise CommandError(
                "No research index page found (create it first, or check --parent-slug)."
            )
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Unknown user: {options['user']}")

        try:
            references = parse_references(path.name, path.read_bytes())
        except ReferenceFileError as error:
            details = "".join(f"\n  - {d}" for d in error.details)
            raise CommandError(f"Nothing imported. {error.message}{details}") from error

        report = import_references(
            references, parent, user=user, dry_run=options["dry_run"], filename=path.name
        )
        verb = "Would import" if report.dry_run else "Imported"
        for item in report.imported:
            self.stdout.write(f"{verb}: {item.label}: {item.title}")
        for item in report.skipped:
            existing = f" (existing page id {item.existing.pk})" if item.existing else ""
            self.stdout.write(f"Skipped: {item.label}: {item.message}{existing}")
        for item in report.errors:
            self.stdout.write(self.style.WARNING(f"Error: {item.label}: {item.message}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"{path.name}: {len(report.imported)} {verb.lower()} as drafts under "
                f"'{parent.title}', {len(report.skipped)} skipped, {len(report.errors)} errors."
            )
        )
