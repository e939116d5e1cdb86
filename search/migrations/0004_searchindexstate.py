import uuid

from django.db import migrations, models


def create_state(apps, schema_editor):
    apps.get_model("search", "SearchIndexState").objects.update_or_create(
        id=1, defaults={"token": uuid.uuid4().hex}
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_synonyms")]

    operations = [
        migrations.CreateModel(
            name="SearchIndexState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("token", models.CharField(max_length=32)),
            ],
            options={"verbose_name": "zoekindexversie"},
        ),
        migrations.RunPython(create_state, migrations.RunPython.noop),
    ]
