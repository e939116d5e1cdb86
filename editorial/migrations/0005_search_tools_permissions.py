"""Give the editors (Redactie) the search tools: synonyms and promoted results."""

from django.db import migrations


def forwards(apps, schema_editor):
    from editorial.setup import setup_all

    setup_all(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_reference_import"),
        ("search", "0007_promoted_result"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
