"""Create the editorial groups, the board workflow and their page permissions (idempotent)."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from editorial.setup import BOARD, PARTNER_PREFIX, REDACTIE, setup_all

DEMO_PASSWORD = "kenniscentrum-demo"  # noqa: S105 - demo accounts only, see --demo-users


class Command(BaseCommand):
    help = (
        "Create the groups Redactie, Wetenschappelijke raad and Partnerredacteur(s), the workflow "
        "'Beoordeling door de wetenschappelijke raad' and assign it to the research and practice "
        "sections. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help=f"Also create demo accounts redacteur, raad, partner ({DEMO_PASSWORD}).",
        )

    def handle(self, *args, **options):
        setup_all(apps)
        for group in Group.objects.filter(name__in=[REDACTIE, BOARD]) | Group.objects.filter(
            name__startswith="Partnerredacteur"
        ):
            pages = ", ".join(
                sorted({p.page.title for p in group.page_permissions.select_related("page")})
            )
            self.stdout.write(f"Group '{group.name}': pages {pages or '-'}")
        if options["demo_users"]:
            self._demo_users()
        self.stdout.write(self.style.SUCCESS("Editorial groups and workflow are set up."))

    def _demo_users(self):
        User = get_user_model()
        partner_group = (
            Group.objects.filter(name__startswith=PARTNER_PREFIX).order_by("name").first()
        )
        accounts = [
            ("redacteur", "Rita", "Redacteur", REDACTIE),
            ("raad", "Bram", "Bestuurslid", BOARD),
        ]
        if partner_group:
            accounts.append(("partner", "Paula", "Partner", partner_group.name))
        for username, first, last, group_name in accounts:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            user.groups.add(Group.objects.get(name=group_name))
            self.stdout.write(f"Demo user '{username}' in group '{group_name}'")
