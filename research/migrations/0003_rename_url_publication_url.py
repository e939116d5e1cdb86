# The field `url` hid Wagtail's Page.url (the page's own address) on research summaries.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("research", "0002_dutch_help_texts")]

    operations = [
        migrations.RenameField(model_name="researchpage", old_name="url", new_name="publication_url"),
    ]
