"""Key rotation for the meldpunt (see README): put a new key first in MELDPUNT_KEYS, keep the old
ones after it, run this command, then remove the old keys. `--generate` prints a new key."""

from cryptography.fernet import Fernet

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from meldpunt import crypto
from meldpunt.models import Message, Report


class Command(BaseCommand):
    help = "Re-encrypt every meldpunt report, message and contact detail with the first key in MELDPUNT_KEYS."

    def add_arguments(self, parser):
        parser.add_argument("--generate", action="store_true", help="Only print a new key; change nothing.")

    def handle(self, *args, generate=False, **options):
        if generate:
            self.stdout.write(Fernet.generate_key().decode("ascii"))
            return
        problem = crypto.check()
        if problem:
            raise CommandError(f"{problem} Nothing was changed.")
        counts = {"reports": 0, "messages": 0}
        try:
            with transaction.atomic():
                for report in Report.objects.exclude(contact_sealed="").only("pk", "contact_sealed"):
                    Report.objects.filter(pk=report.pk).update(contact_sealed=crypto.rotate(report.contact_sealed))
                    counts["reports"] += 1
                for message in Message.objects.only("pk", "body_sealed"):
                    Message.objects.filter(pk=message.pk).update(body_sealed=crypto.rotate(message.body_sealed))
                    counts["messages"] += 1
        except crypto.KeyUnavailable as error:
            raise CommandError(f"{error} Nothing was changed: add the old key after the new one.") from error
        self.stdout.write(
            f"Re-encrypted with the first key: {counts['reports']} contact details, {counts['messages']} messages."
        )
