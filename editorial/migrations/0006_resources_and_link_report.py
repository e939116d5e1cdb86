"""External material goes through the board's workflow; the board moderates proposals;
editors and the board see the broken-links report."""

from django.db import migrations


def forwards(apps, schema_editor):
    from editorial.setup import setup_all

    setup_all(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0005_search_tools_permissions"),
        ("resources", "0001_initial"),
        ("linkcheck", "0001_initial"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
