"""Pagination that never fails on a bad `page` parameter: it falls back and says why."""

from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator

PAGE_SIZE = 12
MAX_PAGE_SIZE = 50


@dataclass
class PageResult:
    page: PaginatorPage
    message: str = ""


def paginate(request, items, per_page: int = PAGE_SIZE) -> PageResult:
    paginator = Paginator(items, min(per_page, MAX_PAGE_SIZE))
    raw = request.GET.get("page", "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return PageResult(paginator.page(1), "Dat paginanummer bestaat niet. Je ziet de eerste pagina.")
    if number < 1:
        return PageResult(paginator.page(1), "Dat paginanummer bestaat niet. Je ziet de eerste pagina.")
    if number > paginator.num_pages:
        return PageResult(
            paginator.page(paginator.num_pages),
            f"Er zijn maar {paginator.num_pages} pagina's. Je ziet de laatste pagina.",
        )
    return PageResult(paginator.page(number))
