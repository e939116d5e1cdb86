"""Give the groups their reach-figure permissions (see analytics.access, editorial.setup)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from editorial.setup import setup_all

    setup_all(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_groups_and_workflow"),
        ("analytics", "0002_reach_permissions"),
        ("home", "0004_dutch_help_texts"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
