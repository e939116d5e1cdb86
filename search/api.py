"""The JSON form of a results page (`/zoeken/api/`, the open data API; see README, "## Search")."""

from __future__ import annotations

from search.facets import FACETS
from search.results_page import SearchPage


def api_payload(page: SearchPage) -> dict:
    """The JSON form of a results page (see README, "## Search")."""
    return {
        "query": page.q,
        "total": page.total,
        "page": page.page,
        "per_page": page.state["per_page"],
        "pages": page.num_pages,
        "sort": page.state["sort"],
        "filters": {k: list(v) for k, v in page.state["filters"].items()},
        "messages": page.notices,
        "spelling_suggestion": page.spelling,
        "help": page.help.as_dict() if page.help else None,
        "corrected_from": page.corrected_from,
        "widened": page.widened,
        "engine": page.results.backend,
        "results": [
            {
                "title": item.hit.title,
                "url": item.hit.url,
                "type": item.hit.type,
                "type_label": item.type_label,
                "promoted": item.promoted,
                "summary": item.hit.summary,
                "date": item.hit.date.isoformat() if item.hit.date else None,
                "language": item.hit.language,
                "facets": item.hit.facets,
                **(
                    {
                        "download": {
                            k: item.hit.extra.get(k) for k in ("format", "size", "size_bytes")
                        }
                    }
                    if item.hit.type == "document"
                    else {}
                ),
            }
            for item in page.items
        ],
        "facets": {
            facet.param: {
                "label": facet.label,
                "values": [
                    {
                        "value": value,
                        "label": label,
                        "count": page.results.facets.get(facet.param, {}).get(value, 0),
                        "selected": value in page.state["filters"].get(facet.param, ()),
                    }
                    for value, label in page.labels[facet.param].items()
                ]
                + [
                    {"value": value, "label": value, "count": count, "selected": False}
                    for value, count in sorted(page.results.facets.get(facet.param, {}).items())
                    if value not in page.labels[facet.param]
                ],
            }
            for facet in FACETS
        },
    }
