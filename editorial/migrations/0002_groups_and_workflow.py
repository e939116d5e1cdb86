"""Groups Redactie, Wetenschappelijke raad and Partnerredacteur, and the board workflow.

Section pages created later (by the demo loader or an editor) are connected by the signal
handlers in editorial.signals; `manage.py setup_editorial_workflow` repeats everything.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from editorial.setup import setup_all

    setup_all(apps)


def backwards(apps, schema_editor):
    from editorial.setup import BOARD, PARTNER, PARTNER_PREFIX, REDACTIE, WORKFLOW_NAME

    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    BoardApprovalTask = apps.get_model("editorial", "BoardApprovalTask")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    BoardApprovalTask.objects.all().delete()
    Group.objects.filter(name__in=[REDACTIE, BOARD, PARTNER]).delete()
    Group.objects.filter(name__startswith=PARTNER_PREFIX).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_board_approval_task"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("core", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("research", "0001_initial"),
        ("practices", "0002_initial"),
        ("taxonomy", "0002_seed_taxonomy"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
