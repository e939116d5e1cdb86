"""The group "Meldpunt 1712": the counsellors of the helpline, the only ones who open the inbox.

It gets admin access and `meldpunt.handle_report`, nothing else (no pages, no media)."""

from django.db import migrations

GROUP = "Meldpunt 1712"


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})
    return found


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
        permission(apps, "meldpunt", "report", "handle_report", "Kan meldingen van het meldpunt lezen en beantwoorden"),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meldpunt", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
