from django.db import migrations


def seed_taxonomy(apps, schema_editor):
    from taxonomy.seed import seed

    seed(lambda name: apps.get_model("taxonomy", name))


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(seed_taxonomy, migrations.RunPython.noop)]
