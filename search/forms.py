"""Every search parameter is validated here before a query is built.

The form never rejects a search: bad input is corrected and explained in Dutch
(`form.notices`), so a visitor always gets a normal results page.
"""

from __future__ import annotations

from django import forms

from search.backends.base import SORTS
from search.facets import FACETS, FACETS_BY_PARAM

MAX_QUERY_LENGTH = 200
DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 50
MAX_VALUE_LENGTH = 120
SORT_LABELS = {"relevantie": "Relevantie", "nieuwste": "Nieuwste eerst", "titel": "Titel (A-Z)"}


class LenientMultipleChoiceField(forms.MultipleChoiceField):
    """Keeps the known values (once each, in the order given) and remembers unknown ones."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.unknown: list[str] = []

    def clean(self, value):
        known = {str(k) for k, _ in self.choices}
        cleaned, self.unknown = [], []
        for item in value or []:
            item = str(item).strip()[:MAX_VALUE_LENGTH]
            if not item:
                continue
            if item in known:
                if item not in cleaned:
                    cleaned.append(item)
            elif item not in self.unknown:
                self.unknown.append(item)
        return cleaned


class SearchForm(forms.Form):
    q = forms.CharField(required=False, strip=True)
    sort = forms.CharField(required=False)
    page = forms.CharField(required=False)
    per_page = forms.CharField(required=False)

    def __init__(
        self, data, *, year_values=None, fixed=(), default_sort="relevantie", choices=None
    ):
        """`year_values`: the years present in the index; `fixed`: facet params that are set by
        the page (audience, type) and therefore not taken from the URL; `choices`: each facet's
        (value, label) list when the caller has read them already (the taxonomy is read once
        per search)."""
        super().__init__(data)
        self.notices: list[str] = []
        self.default_sort = default_sort
        self.fixed = set(fixed)
        for facet in FACETS:
            if facet.param in self.fixed:
                continue
            if choices is not None:
                values = choices[facet.param]
            else:
                values = facet.choices(year_values if facet.source == "year" else None)
            self.fields[facet.param] = LenientMultipleChoiceField(choices=values)

    def clean_q(self):
        q = " ".join((self.cleaned_data.get("q") or "").split())
        if len(q) > MAX_QUERY_LENGTH:
            self.notices.append(
                f"Je zoekopdracht was erg lang. We zochten op de eerste {MAX_QUERY_LENGTH} tekens."
            )
            q = q[:MAX_QUERY_LENGTH]
        return q

    def clean_sort(self):
        sort = (self.cleaned_data.get("sort") or "").strip()
        if not sort:
            return self.default_sort
        if sort not in SORTS:
            self.notices.append("Die sortering kennen we niet. We sorteren op relevantie.")
            return "relevantie"
        return sort

    def clean_page(self):
        raw = (self.cleaned_data.get("page") or "").strip()
        if not raw:
            return 1
        try:
            page = int(raw)
        except ValueError:
            page = 0
        if page < 1:
            self.notices.append("Dat paginanummer bestaat niet. Je ziet de eerste pagina.")
            return 1
        return page

    def clean_per_page(self):
        raw = (self.cleaned_data.get("per_page") or "").strip()
        if not raw:
            return DEFAULT_PER_PAGE
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if not 1 <= value <= MAX_PER_PAGE:
            self.notices.append(
                f"Je kan 1 tot {MAX_PER_PAGE} resultaten per pagina tonen. "
                f"Je ziet er {DEFAULT_PER_PAGE}."
            )
            return DEFAULT_PER_PAGE
        return value

    def clean(self):
        cleaned = super().clean()
        for param, field in self.fields.items():
            if isinstance(field, LenientMultipleChoiceField) and field.unknown:
                label = FACETS_BY_PARAM[param].label
                values = ", ".join(f"‘{v}’" for v in field.unknown[:5])
                self.notices.append(
                    f"Het filter {label} kent de waarde {values} niet. "
                    "We hebben dat filter weggelaten."
                    if len(field.unknown) == 1
                    else f"Het filter {label} kent de waarden {values} niet. "
                    "We hebben die filters weggelaten."
                )
        return cleaned

    def state(self) -> dict:
        """The validated search: q, sort, page, per_page and filters {param: (values...)}."""
        self.is_valid()  # never False: every field corrects instead of rejecting
        data = self.cleaned_data
        filters = {
            param: tuple(data[param])
            for param in FACETS_BY_PARAM
            if param in self.fields and data.get(param)
        }
        return {
            "q": data.get("q", ""),
            "sort": data.get("sort", self.default_sort),
            "page": data.get("page", 1),
            "per_page": data.get("per_page", DEFAULT_PER_PAGE),
            "filters": filters,
        }
