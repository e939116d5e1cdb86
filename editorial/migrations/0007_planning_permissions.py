"""Give the editors (Redactie) the self-assessment's questions (planning: Zelfscans)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from editorial.setup import setup_all

    setup_all(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0006_resources_and_link_report"),
        ("planning", "0002_seed_scans"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
