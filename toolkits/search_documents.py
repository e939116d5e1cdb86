"""Search entries of toolkits and of the documents they offer as downloads."""

from __future__ import annotations

from django.db.models.signals import m2m_changed

from core.models import DOCUMENT_KIND_CHOICES, KennisDocument
from search.backends.base import IndexDocument
from search.documents import finish, taxonomy_facets
from search.indexing import delete_keys, reindex
from search.models import SearchEntry
from search.registry import PageSource, SearchSource, register
from toolkits.models import ToolkitDownload, ToolkitPage

KIND_LABELS = dict(DOCUMENT_KIND_CHOICES)


@register
class ToolkitSource(PageSource):
    model = ToolkitPage
    type, label, plural, order = "toolkit", "Toolkit", "Toolkits", 10
    plan_heading, plan_listable = "Toolkits", True
    in_school_grid = True
    on_audience_pages = True

    def body(self, page) -> str:
        return " ".join([super().body(page), *(d.title for d in page.download_documents())])


def live_toolkits_for(document: KennisDocument) -> list[ToolkitPage]:
    toolkits = ToolkitPage.objects.live().public().filter(downloads__document=document).distinct()
    return list(toolkits.order_by("title"))


@register
class DownloadSource(SearchSource):
    """A download is searchable while a live toolkit offers it. It inherits the toolkits'
    topics, approaches, ages, settings and school cells; its own audiences and language win."""

    model = KennisDocument
    type, label, plural, order = "document", "Download", "Downloads", 20

    def key(self, document) -> str:
        return f"document:{document.pk}"

    def document(self, document: KennisDocument) -> IndexDocument | None:
        toolkits = live_toolkits_for(document)
        if not toolkits or document.collection.get_view_restrictions().exists():
            return None  # not offered, or in a private collection
        facets: dict[str, set[str]] = {}
        for toolkit in toolkits:
            for name, values in taxonomy_facets(toolkit).items():
                facets.setdefault(name, set()).update(values)
        own_audiences = sorted(document.audiences.values_list("slug", flat=True))
        if own_audiences:
            facets["doelgroep"] = set(own_audiences)
        date = document.created_at.date() if document.created_at else None
        kind_label = KIND_LABELS.get(document.kind, "")
        summary = document.description or f"{kind_label} uit de toolkit {toolkits[0].title}."
        return IndexDocument(
            key=self.key(document),
            type=self.type,
            title=document.title,
            url=document.url,
            summary=summary,
            body=" ".join([kind_label, *(t.title for t in toolkits)]),
            date=date,
            language=document.language,
            facets=finish({k: sorted(v) for k, v in facets.items()}, self.type, date, document.language),
            extra={
                "format": document.format_label,
                "size": document.size_label,
                "size_bytes": document.file_size or 0,
                "kind": kind_label,
                "toolkits": [{"title": t.title, "url": t.get_url()} for t in toolkits],
                "toolkit_ids": [t.pk for t in toolkits],
            },
        )

    def documents(self):
        ids = ToolkitPage.objects.live().public().values_list("downloads__document", flat=True).distinct()
        for document in KennisDocument.objects.filter(pk__in=ids).order_by("pk"):
            entry = self.document(document)
            if entry:
                yield entry

    def count(self) -> int:
        offered = ToolkitPage.objects.live().public().filter(downloads__isnull=False)
        return offered.values("downloads__document").distinct().count()

    def page_changed(self, page) -> None:
        """A toolkit's downloads follow the toolkit: those it offers now and those the index
        still lists under it."""
        specific = page.specific_class
        if specific is None or not issubclass(specific, ToolkitPage):
            return
        ids = set(ToolkitDownload.objects.filter(toolkit_id=page.pk).values_list("document_id", flat=True))
        for key, extra in SearchEntry.objects.filter(type=self.type).values_list("key", "extra"):
            if page.pk in (extra or {}).get("toolkit_ids", []):
                ids.add(int(key.split(":", 1)[1]))
        found = list(KennisDocument.objects.filter(pk__in=ids))
        reindex(self, found)
        delete_keys([f"document:{pk}" for pk in ids - {d.pk for d in found}])

    def connect(self) -> None:
        m2m_changed.connect(
            self.audiences_changed, sender=KennisDocument.audiences.through, dispatch_uid="search_document_audiences"
        )

    def audiences_changed(self, sender, instance, action, reverse=False, pk_set=None, **kwargs):
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        # From the audience's side (reverse), `pk_set` names the documents.
        reindex(self, KennisDocument.objects.filter(pk__in=pk_set or ()) if reverse else [instance])
