"""Groups, permissions and the board workflow, created idempotently.

Every function takes an app registry, so the same code runs in the data migration (historical
models: `editorial.migrations.0002_groups_and_workflow`), in the signal handlers that react when
the section pages are created (`editorial.signals`) and in `manage.py setup_editorial_workflow`.

Design:
- Redactie: writes and submits. Add/change pages under the home page, no publish permission;
  may add and use images and documents.
- Wetenschappelijke raad: the reviewers of the workflow "Beoordeling door de wetenschappelijke
  raad" (on the research and practice index pages); change and publish rights on those two
  sections only.
- Partnerredacteur: base group (admin access, images and documents). Per audience landing page
  a group "Partnerredacteur: <doelgroep>" with change rights on that page only, created as soon
  as the page exists. A partner is a member of the group of their audience.

Reach figures (analytics.access): Redactie sees all figures, the visitors' comments and search
terms; the board all figures and search terms, no comments; a partner only the figures of the
own audience, without any visitor free text.
"""

REDACTIE = "Redactie"
BOARD = "Wetenschappelijke raad"
PARTNER = "Partnerredacteur"
PARTNER_PREFIX = "Partnerredacteur: "
WORKFLOW_NAME = "Beoordeling door de wetenschappelijke raad"
TASK_NAME = "Beoordeling wetenschappelijke raad"

# The sections the scientific board reviews (evidence: research, practices, external material): a
# decision about the board's work, not every content type, so it is written out on purpose.
BOARD_SECTIONS = (
    ("research", "ResearchIndexPage"),
    ("practices", "PracticeIndexPage"),
    ("resources", "ResourceIndexPage"),
)
MEDIA_MODELS = (("wagtailimages", "image"), ("core", "kennisdocument"))


def _permission(apps, app_label, model, codename, name=""):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name or codename}
    )
    return permission


def _page_permission(apps, codename):
    return _permission(apps, "wagtailcore", "page", codename, f"Can {codename.replace('_', ' ')}")


def _access_admin(apps):
    return _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")


def _grant_pages(apps, group, page_id, codenames):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=page_id, permission=_page_permission(apps, codename)
        )


def _grant_media(apps, group, actions):
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for app_label, model in MEDIA_MODELS:
        for action in actions:
            permission = _permission(apps, app_label, model, f"{action}_{model}")
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


REACH = {
    REDACTIE: (
        ("dailypageview", "view_reach"),
        ("feedback", "view_feedback"),
        ("dailysearch", "view_dailysearch"),
    ),
    BOARD: (("dailypageview", "view_reach"), ("dailysearch", "view_dailysearch")),
}


#: The editors keep the search tools: synonyms and promoted results (the to-do list of
#: searches without results leads to them).
SEARCH_TOOLS = ("synonymgroup", "promotedresult")
#: ... and the self-assessment's questions and advice (planning: Zelfscans).
EDITOR_TOOLS = [("search", model) for model in SEARCH_TOOLS] + [("planning", "scan")]


def _grant_search_tools(apps, group):
    for app_label, model in EDITOR_TOOLS:
        for action in ("add", "change", "delete", "view"):
            group.permissions.add(_permission(apps, app_label, model, f"{action}_{model}"))


#: The board moderates proposed material; editors and the board see the broken-links report.
MODERATION = {BOARD: (("resources", "proposal", "moderate_proposal", "Voorstellen van materiaal behandelen"),)}
LINK_REPORT = ("linkcheck", "checkedlink", "view_checkedlink", "Can view gecontroleerde link")


def _grant_reach(apps, group, grants):
    for model, codename in grants:
        group.permissions.add(_permission(apps, "analytics", model, codename))


def _home_page_id(apps):
    HomePage = apps.get_model("home", "HomePage")
    return HomePage.objects.values_list("id", flat=True).first()


def create_groups(apps):
    """The three groups and their site-wide permissions. Returns {name: group}."""
    Group = apps.get_model("auth", "Group")
    groups = {}
    for name in (REDACTIE, BOARD, PARTNER):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(_access_admin(apps))
        groups[name] = group
        _grant_reach(apps, group, REACH.get(name, ()))
    for name, grants in MODERATION.items():
        for grant in grants:
            groups[name].permissions.add(_permission(apps, *grant))
    for name in (REDACTIE, BOARD):
        groups[name].permissions.add(_permission(apps, *LINK_REPORT))
    _grant_media(apps, groups[REDACTIE], ("add", "change", "choose"))
    _grant_search_tools(apps, groups[REDACTIE])
    _grant_media(apps, groups[BOARD], ("choose",))
    _grant_media(apps, groups[PARTNER], ("add", "choose"))
    home_id = _home_page_id(apps)
    if home_id:
        _grant_pages(apps, groups[REDACTIE], home_id, ("add_page", "change_page"))
    return groups


def create_workflow(apps):
    """The workflow with one task, reviewed by the board. Returns the workflow."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    BoardApprovalTask = apps.get_model("editorial", "BoardApprovalTask")

    board, _ = Group.objects.get_or_create(name=BOARD)
    task = BoardApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="editorial", model="boardapprovaltask")
        task = BoardApprovalTask.objects.create(name=TASK_NAME, content_type=content_type, active=True)
    task.groups.add(board)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})
    return workflow


def assign_board_section(apps, page_id):
    """Route a research or practice index page through the board workflow."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first() or create_workflow(apps)
    WorkflowPage.objects.update_or_create(page_id=page_id, defaults={"workflow": workflow})
    board, _ = Group.objects.get_or_create(name=BOARD)
    _grant_pages(apps, board, page_id, ("change_page", "publish_page", "lock_page", "unlock_page"))


def create_partner_group(apps, audience_page_id, audience_name):
    """The group that may edit exactly one audience landing page."""
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=f"{PARTNER_PREFIX}{audience_name}"[:150])
    group.permissions.add(_access_admin(apps))
    _grant_reach(apps, group, (("dailypageview", "view_audience_reach"),))
    _grant_media(apps, group, ("add", "choose"))
    _grant_pages(apps, group, audience_page_id, ("change_page",))
    return group


def setup_all(apps):
    """Everything, for the pages that exist now. Safe to run any number of times."""
    groups = create_groups(apps)
    create_workflow(apps)
    for app_label, model_name in BOARD_SECTIONS:
        model = apps.get_model(app_label, model_name)
        for page_id in model.objects.values_list("id", flat=True):
            assign_board_section(apps, page_id)
    AudiencePage = apps.get_model("home", "AudiencePage")
    for page in AudiencePage.objects.select_related("audience"):
        create_partner_group(apps, page.id, page.audience.name)
    return groups
