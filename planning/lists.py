"""Shareable lists ("Mijn lijst"): no account, and no cookie until a visitor starts a list.

Starting a list asks for consent in one sentence; then one cookie holds the list's random token.
Anyone with the list's link can see it, print it and download all its documents as one zip.
Lists expire (LIST_DAYS); the purge command removes them.
"""

import io
import zipfile

from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from wagtail.models import Page

from core.models import KennisDocument
from planning.models import ListItem, SharedList
from planning.origin import same_origin
from planning.scan_views import message
from planning.signals import announce
from planning.sources import listable_models

COOKIE = "kc_lijst"
LIST_DAYS = 180
MAX_ITEMS = 50
MAX_ZIP_BYTES = 200 * 1024 * 1024
CONSENT = (
    "We bewaren in je browser één cookie met een willekeurige code, zodat je je lijst terugvindt; "
    f"de lijst zelf staat {LIST_DAYS} dagen op onze server, zonder gegevens over jou."
)


def _own_list(request):
    token = request.COOKIES.get(COOKIE, "")[:64]
    if not token:
        return None
    found = SharedList.objects.filter(token=token).first()
    return found if found and not found.expired else None


def _target(data):
    """(page, document) from the posted ids, or (None, None)."""
    page_id, document_id = data.get("pagina", ""), data.get("document", "")
    if page_id.isdigit() and len(page_id) < 10:
        page = Page.objects.live().public().filter(pk=int(page_id)).type(*listable_models()).first()
        return (page.specific if page else None), None
    if document_id.isdigit() and len(document_id) < 10:
        return None, KennisDocument.objects.filter(pk=int(document_id)).first()
    return None, None


def _safe_next(value):
    return value if value.startswith("/") and not value.startswith("//") else ""


@csrf_exempt  # same-origin check instead: no CSRF cookie for visitors who never make a list
@require_POST
@never_cache
def add(request):
    if not same_origin(request):
        return message(request, "Niet toegevoegd", "Gebruik de knop ‘Bewaar in mijn lijst’ op deze website.", 403)
    page, document = _target(request.POST)
    if page is None and document is None:
        return message(
            request, "Niet toegevoegd",
            "Dit item bestaat niet (meer) of kan niet op een lijst. Kies een toolkit, goede praktijk, "
            "onderzoek of document.", status=404,
        )
    own = _own_list(request)
    created = False
    if own is None:
        if request.POST.get("akkoord") != "ja":
            return render(
                request, "planning/list_consent.html",
                {
                    "page_item": page,
                    "document": document,
                    "consent": CONSENT,
                    "next": _safe_next(request.POST.get("next", "")),
                },
            )
        own = SharedList.objects.create()
        created = True
        announce(request, "lijst-gemaakt", _audience(page))
    count = own.items.count()
    exists = own.items.filter(page=page) if page else own.items.filter(document=document)
    if count >= MAX_ITEMS and not exists.exists():
        return message(
            request, "Je lijst is vol",
            f"Een lijst kan maximaal {MAX_ITEMS} items bevatten. Verwijder eerst iets, of begin een nieuwe lijst.",
            links=[(reverse("planning_my_list"), "Naar mijn lijst")],
        )
    if not exists.exists():
        ListItem.objects.create(shared_list=own, page=page, document=document, position=count)
        announce(request, "lijst-item", _audience(page))
    response = HttpResponseRedirect(reverse("planning_my_list") + "?toegevoegd=1")
    if created:
        response.set_cookie(
            COOKIE, own.token, max_age=LIST_DAYS * 86400, httponly=True, samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def _audience(page):
    audience = page.audiences.first() if page is not None and hasattr(page, "audiences") else None
    return audience.slug if audience else ""


def _items(shared_list):
    items = list(shared_list.items.select_related("document")[: MAX_ITEMS])
    pages = Page.objects.filter(pk__in=[i.page_id for i in items if i.page_id]).specific()
    by_id = {p.pk: p for p in pages}
    result = []
    for item in items:
        if item.page_id:
            page = by_id.get(item.page_id)
            if page is not None and page.live:
                result.append({"item": item, "page": page, "documents": _documents(page)})
        else:
            result.append({"item": item, "document": item.document, "documents": [item.document]})
    return result


def _documents(page):
    return page.download_documents() if hasattr(page, "download_documents") else []


@never_cache
@require_GET
def my_list(request):
    own = _own_list(request)
    if own is None:
        return render(request, "planning/my_list_empty.html", {"consent": CONSENT})
    return render(request, "planning/list.html", _list_context(request, own, editable=True))


def _list_context(request, shared_list, editable=False):
    entries = _items(shared_list)
    share = reverse("planning_list", args=[shared_list.token])
    return {
        "shared_list": shared_list,
        "entries": entries,
        "editable": editable,
        "share_url": request.build_absolute_uri(share),
        "share_path": share,
        "document_count": len({d.pk for e in entries for d in e["documents"]}),
        "added": request.GET.get("toegevoegd") == "1",
        "today": timezone.localdate(),
        "max_items": MAX_ITEMS,
    }


def _shared(request, token):
    shared_list = SharedList.objects.filter(token=token[:64]).first()
    if shared_list is None or shared_list.expired:
        return None, message(
            request, "Deze lijst bestaat niet (meer)",
            f"Een gedeelde lijst blijft {LIST_DAYS} dagen bewaard; daarna verwijderen we ze. "
            "Misschien is deze link verlopen of niet volledig gekopieerd. Vraag wie hem deelde om een nieuwe link.",
            status=410 if shared_list else 404,
            links=[(reverse("search:page"), "Zoek zelf materiaal")],
        )
    return shared_list, None


@never_cache
@require_GET
def shared_list(request, token):
    found, error = _shared(request, token)
    if error:
        return error
    own = _own_list(request)
    context = _list_context(request, found, editable=own is not None and own.pk == found.pk)
    context["print_view"] = request.GET.get("afdrukken") == "1"
    return render(request, "planning/list.html", context)


@never_cache
@require_GET
def list_zip(request, token):
    found, error = _shared(request, token)
    if error:
        return error
    documents, seen = [], set()
    for entry in _items(found):
        for document in entry["documents"]:
            if document.pk not in seen:
                seen.add(document.pk)
                documents.append(document)
    if not documents:
        return message(request, "Geen documenten", "Op deze lijst staan geen documenten om te downloaden.",
                       links=[(reverse("planning_list", args=[found.token]), "Terug naar de lijst")])
    buffer, names, total = io.BytesIO(), set(), 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            name = get_valid_filename(document.file.name.rsplit("/", 1)[-1]) or f"document-{document.pk}"
            if name in names:
                name = f"{document.pk}-{name}"
            names.add(name)
            try:
                with document.file.open("rb") as handle:
                    data = handle.read()
            except OSError:
                continue  # a missing file must not cost the visitor the other documents
            total += len(data)
            if total > MAX_ZIP_BYTES:
                break
            archive.writestr(name, data)
    announce(request, "lijst-zip", "")
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename="documenten-mijn-lijst.zip",
                        content_type="application/zip")


@csrf_exempt
@require_POST
@never_cache
def remove(request):
    own = _own_list(request)
    if not same_origin(request) or own is None:
        return message(request, "Niet gewijzigd", "Je kan alleen je eigen lijst wijzigen, op deze website.", 403)
    if request.POST.get("alles") == "ja":
        own.delete()
        response = HttpResponseRedirect(reverse("planning_my_list"))
        response.delete_cookie(COOKIE, samesite="Lax")
        return response
    item_id = request.POST.get("item", "")
    if item_id.isdigit() and len(item_id) < 12:
        own.items.filter(pk=int(item_id)).delete()
    return HttpResponseRedirect(reverse("planning_my_list"))
