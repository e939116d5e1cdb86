from pathlib import Path

from django.core.management.base import BaseCommand

from opendata.export import export_open_data


class Command(BaseCommand):
    help = (
        "Write the public catalogue as open data (JSON, CSV, taxonomies and datapackage.json) to "
        "OPENDATA_EXPORT_DIR (or --dir), served at /open-data/download/."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="Write here instead of OPENDATA_EXPORT_DIR.")

    def handle(self, *args, **options):
        def progress(done, total):
            self.stdout.write(f"  {done}/{total} items", ending="\r")

        result = export_open_data(Path(options["dir"]) if options["dir"] else None, progress=progress)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Open data: {result['items']} items written to {result['dir']}"))
