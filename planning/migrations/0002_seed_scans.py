from django.db import migrations


def seed(apps, schema_editor):
    from planning.seed import seed as run

    run(apps)


class Migration(migrations.Migration):
    dependencies = [("planning", "0001_initial"), ("taxonomy", "0003_dutch_help_texts")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
