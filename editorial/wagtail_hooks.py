from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.userbar import ContentCheckerItem

from editorial.completeness import research_missing_parts
from editorial.evidence import is_practice, practice_evidence_errors
from editorial.review import ReviewDuePanel, ReviewReportView
from editorial.views import import_status_view, import_view, importable_parents


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("referenties-importeren/", import_view, name="editorial_import"),
        path(
            "referenties-importeren/<int:job_id>/",
            import_status_view,
            name="editorial_import_status",
        ),
        path("te-herzien/", ReviewReportView.as_view(), name="editorial_review_report"),
        path(
            "te-herzien/results/",
            ReviewReportView.as_view(results_only=True),
            name="editorial_review_report_results",
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return importable_parents(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        "Referenties importeren",
        reverse("editorial_import"),
        name="referenties-importeren",
        icon_name="upload",
        order=250,
    )


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return MenuItem(
        "Te herzien",
        reverse("editorial_review_report"),
        name="te-herzien",
        icon_name="time",
        order=50,
    )


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    panels.append(ReviewDuePanel(request))


# --- Content checks (accessibility and readability) ----------------------------------------


class KenniscentrumContentChecker(ContentCheckerItem):
    """Wagtail's content checker (Axe) with the rules that matter for our pages, in Dutch.

    Runs in the userbar of every page and in the 'Controles' side panel of the page editor,
    next to Wagtail's built-in content metrics (words, reading time, readability score).
    """

    axe_run_only = ContentCheckerItem.axe_run_only + [
        "image-alt",
        "document-title",
        "html-has-lang",
        "label",
        "list",
        "listitem",
        "duplicate-id-aria",
        "link-in-text-block",
        "color-contrast",
    ]
    axe_messages = {
        rule: {"error_name": name, "help_text": help_text}
        for rule, (name, help_text) in {
            "button-name": (
                "Knop zonder tekst",
                "Geef de knop een duidelijke tekst voor schermlezers.",
            ),
            "empty-heading": (
                "Lege kop",
                "Geef elke kop tekst, of verwijder hem.",
            ),
            "empty-table-header": (
                "Lege kolomkop in tabel",
                "Geef elke kolom een kop.",
            ),
            "frame-title": (
                "Ingesloten inhoud zonder titel",
                "Beschrijf wat er in het kader staat.",
            ),
            "heading-order": (
                "Koppen slaan een niveau over",
                "Gebruik koppen in volgorde: na H2 komt H3, niet H4.",
            ),
            "input-button-name": (
                "Knop zonder tekst",
                "Geef de knop een duidelijke tekst.",
            ),
            "link-name": (
                "Link zonder tekst",
                "Zeg in de linktekst waar de link naartoe gaat.",
            ),
            "p-as-heading": (
                "Vette alinea gebruikt als kop",
                "Gebruik een echte kop (H2, H3) in plaats van vette tekst.",
            ),
            "alt-text-quality": (
                "Alternatieve tekst lijkt een bestandsnaam",
                "Beschrijf wat er op de afbeelding te zien is.",
            ),
            "empty-meta-description": (
                "Samenvatting of zoekmachinebeschrijving ontbreekt",
                "Vul de samenvatting in: ze verschijnt in zoekresultaten.",
            ),
            "image-alt": (
                "Afbeelding zonder alternatieve tekst",
                "Beschrijf de afbeelding, of markeer ze als decoratief.",
            ),
            "document-title": (
                "Pagina zonder titel",
                "Geef de pagina een titel.",
            ),
            "html-has-lang": (
                "Taal van de pagina ontbreekt",
                "Meld dit aan de webbeheerder.",
            ),
            "label": (
                "Formulierveld zonder label",
                "Geef elk veld een zichtbaar label.",
            ),
            "list": (
                "Lijst is fout opgebouwd",
                "Gebruik de knoppen voor opsommingen in de editor.",
            ),
            "listitem": (
                "Lijstitem buiten een lijst",
                "Gebruik de knoppen voor opsommingen in de editor.",
            ),
            "duplicate-id-aria": (
                "Dubbele ID",
                "Meld dit aan de webbeheerder.",
            ),
            "link-in-text-block": (
                "Link valt niet op in de tekst",
                "Links moeten ook zonder kleur herkenbaar zijn.",
            ),
            "color-contrast": (
                "Te weinig kleurcontrast",
                "Tekst moet goed leesbaar zijn tegen de achtergrond.",
            ),
        }.items()
    }


@hooks.register("construct_wagtail_userbar")
def use_kenniscentrum_content_checker(request, items, page=None):
    for index, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(
            item, KenniscentrumContentChecker
        ):
            items[index] = KenniscentrumContentChecker(in_editor=item.in_editor)


# --- Evidence rule for bulk publishing ----------------------------------------------------


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_without_evidence(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    blocked, incomplete = [], []
    for obj in objects:
        latest = obj.specific.get_latest_revision_as_object() if hasattr(obj, "specific") else obj
        if is_practice(latest) and practice_evidence_errors(latest):
            blocked.append(latest.title)
        if missing := research_missing_parts(latest):
            incomplete.append(f"{latest.title} (ontbreekt: {', '.join(missing)})")
    if incomplete:
        messages.error(
            request,
            "Niet gepubliceerd: deze onderzoekssamenvattingen zijn niet volledig: "
            + "; ".join(incomplete)
            + ".",
        )
        return redirect(request.GET.get("next") or reverse("wagtailadmin_explore_root"))
    if blocked:
        messages.error(
            request,
            "Niet gepubliceerd: de bewijskracht van deze goede praktijken is niet onderbouwd "
            "(gekoppeld onderzoek en onderbouwing ontbreken): " + ", ".join(blocked) + ".",
        )
        return redirect(request.GET.get("next") or reverse("wagtailadmin_explore_root"))
    return None
