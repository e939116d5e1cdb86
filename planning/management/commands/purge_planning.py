"""Delete expired shared lists and saved self-assessments (scheduled daily, deploy/crontab)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from planning.models import SavedScan, SharedList


class Command(BaseCommand):
    help = "Delete shared lists and saved self-assessments whose link has expired."

    def handle(self, *args, **options):
        today = timezone.localdate()
        lists, _ = SharedList.objects.filter(expires__lt=today).delete()
        scans, _ = SavedScan.objects.filter(expires__lt=today).delete()
        self.stdout.write(f"Deleted {lists} expired list rows and {scans} expired saved self-assessments.")
