"""The shapes of the API's answers (documented in the OpenAPI document) and the validation of
its query parameters (bad values give a 400 that says which parameter and why, in Dutch)."""

from rest_framework import serializers

from search.facets import FACETS
from search.forms import MAX_QUERY_LENGTH

MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000
FILTER_PARAMS = [facet.param for facet in FACETS]


class LicenceSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    url = serializers.URLField(allow_null=True)


class TermSerializer(serializers.Serializer):
    slug = serializers.CharField()
    label = serializers.CharField()


class EvidenceSerializer(serializers.Serializer):
    level = serializers.CharField()
    label = serializers.CharField()


class DocumentSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField()
    format = serializers.CharField()
    size_bytes = serializers.IntegerField()
    language = serializers.CharField()
    kind = serializers.CharField()
    licence = LicenceSerializer()


class ItemSerializer(serializers.Serializer):
    id = serializers.CharField(help_text="Stable id, e.g. 'page:12', 'document:7', 'term:3', 'hulplijn:awel'.")
    type = serializers.CharField()
    type_label = serializers.CharField()
    title = serializers.CharField()
    url = serializers.URLField(help_text="Absolute address of the item on the site.")
    api_url = serializers.URLField()
    summary = serializers.CharField(allow_blank=True)
    language = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    first_published = serializers.DateTimeField(allow_null=True)
    last_modified = serializers.DateTimeField()
    licence = LicenceSerializer()
    taxonomy = serializers.DictField(child=TermSerializer(many=True))
    evidence = EvidenceSerializer(allow_null=True)
    documents = DocumentSerializer(many=True)
    details = serializers.DictField(help_text="Fields of the item's own type (citation, dates of an event, ...).")


class ItemPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    per_page = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ItemSerializer(many=True)


class TaxonomySerializer(serializers.Serializer):
    param = serializers.CharField()
    label = serializers.CharField()
    values = TermSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="In Dutch.")
    detail_en = serializers.CharField(help_text="In English.")
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class RootSerializer(serializers.Serializer):
    version = serializers.CharField()
    items = serializers.URLField()
    taxonomies = serializers.URLField()
    search = serializers.URLField()
    openapi = serializers.URLField()
    documentation = serializers.URLField()
    licence = LicenceSerializer()


class SearchResultSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.URLField()
    id = serializers.CharField()
    type = serializers.CharField()
    type_label = serializers.CharField()
    promoted = serializers.BooleanField()
    summary = serializers.CharField(allow_blank=True)
    date = serializers.DateField(allow_null=True)
    language = serializers.CharField()
    facets = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    label = serializers.CharField()
    values = FacetValueSerializer(many=True)


class SearchAnswerSerializer(serializers.Serializer):
    query = serializers.CharField(allow_blank=True)
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    per_page = serializers.IntegerField()
    sort = serializers.CharField()
    filters = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    messages = serializers.ListField(child=serializers.CharField())
    spelling_suggestion = serializers.CharField(allow_null=True)
    corrected_from = serializers.CharField(allow_null=True)
    widened = serializers.CharField(allow_null=True)
    help = serializers.DictField(allow_null=True)
    results = SearchResultSerializer(many=True)
    facets = serializers.DictField(child=FacetSerializer())


class ListParamsSerializer(serializers.Serializer):
    """Query parameters of /items/ and /search/: facet values must exist (see /taxonomies/)."""

    page = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PAGE,
        error_messages={"invalid": "Geef een paginanummer vanaf 1.", "min_value": "Geef een paginanummer vanaf 1.",
                        "max_value": "Dit paginanummer is te groot."},
    )
    per_page = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_PER_PAGE,
        error_messages={
            "invalid": f"Geef een aantal per pagina van 1 tot {MAX_PER_PAGE}.",
            "min_value": f"Geef een aantal per pagina van 1 tot {MAX_PER_PAGE}.",
            "max_value": f"Geef een aantal per pagina van 1 tot {MAX_PER_PAGE}.",
        },
    )

    def __init__(self, *args, labels=None, **kwargs):
        super().__init__(*args, **kwargs)
        for param in FILTER_PARAMS:
            values = list((labels or {}).get(param, {}))
            self.fields[param] = serializers.ListField(
                child=serializers.ChoiceField(
                    choices=values,
                    error_messages={
                        "invalid_choice": f"‘{{input}}’ is geen geldige waarde voor {param}; zie /api/v1/taxonomies/."
                    },
                ),
                required=False,
            )


class ItemParamsSerializer(ListParamsSerializer):
    changed_since = serializers.DateTimeField(
        required=False,
        error_messages={"invalid": "Geef een datum en tijd als ISO 8601, bijvoorbeeld 2026-11-29T14:30:00Z."},
    )


class SearchParamsSerializer(ListParamsSerializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_QUERY_LENGTH, trim_whitespace=True,
        error_messages={"max_length": f"Een zoekopdracht heeft hoogstens {MAX_QUERY_LENGTH} tekens."},
    )
    sort = serializers.ChoiceField(
        required=False, choices=["relevantie", "nieuwste", "titel"],
        error_messages={"invalid_choice": "Sorteer op relevantie, nieuwste of titel."},
    )
