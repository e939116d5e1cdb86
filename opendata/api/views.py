"""The read-only catalogue API, version 1 (/api/v1/). See /open-data/ and the OpenAPI document
at /api/v1/openapi.json. Anonymous GET only; ETag and Last-Modified on every answer (a client
that sends If-None-Match / If-Modified-Since gets 304), CORS for any origin, a rate limit per
client (429 in Dutch and English), and a 400 that names every bad parameter."""

import math
from urllib.parse import urlencode

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import http_date
from django.views.decorators.http import conditional_page

from opendata import catalogue
from opendata.api import serializers as api
from opendata.findability import absolute
from search.forms import MAX_QUERY_LENGTH
from search.service import api_payload, run_search

ERRORS = {400: api.ErrorSerializer, 404: api.ErrorSerializer, 429: api.ErrorSerializer, 406: api.ErrorSerializer}


class FacetSchema(AutoSchema):
    """Documents the facet parameters with their current values (read when the document is made)."""

    def get_override_parameters(self):
        params = super().get_override_parameters()
        if not getattr(self.view, "facet_params", False):
            return params
        labels = catalogue.facet_labels()
        for param in api.FILTER_PARAMS:
            params.append(
                OpenApiParameter(
                    param, OpenApiTypes.STR, many=True, explode=True, enum=list(labels.get(param, {})) or None,
                    description=f"Facet '{param}': one or more values (OR within a facet, AND across facets).",
                )
            )
        most = getattr(self.view, "max_per_page", api.MAX_PER_PAGE)
        params += [
            OpenApiParameter(
                "page", {"type": "integer", "minimum": 1, "maximum": api.MAX_PAGE},
                description="Page number, from 1. Past the last page: no results.",
            ),
            OpenApiParameter(
                "per_page", {"type": "integer", "minimum": 1, "maximum": most},
                description=f"Items per page, 1-{most} (default 20).",
            ),
        ]
        return params


def _validate(serializer_class, request, labels):
    serializer = serializer_class(data=request.query_params, labels=labels)
    if not serializer.is_valid():
        raise exceptions.ValidationError(serializer.errors)
    return serializer.validated_data


def _absolute(request):
    return lambda url: absolute(request._request, url)


def _last_modified(response):
    latest = catalogue.last_modified()
    if latest is not None:
        response["Last-Modified"] = http_date(latest.timestamp())
    return response


conditional = method_decorator(conditional_page, name="dispatch")


@conditional
class RootView(APIView):
    @extend_schema(responses={200: api.RootSerializer}, summary="Entry point: links to every endpoint.")
    def get(self, request):
        absolute = _absolute(request)
        data = {
            "version": catalogue.API_VERSION,
            "items": absolute(reverse("opendata-api:items")),
            "taxonomies": absolute(reverse("opendata-api:taxonomies")),
            "search": absolute(reverse("opendata-api:search")),
            "openapi": absolute(reverse("opendata-api:openapi")),
            "documentation": absolute(reverse("opendata:page")),
            "licence": catalogue.licence(catalogue.OWN_LICENCE),
        }
        return Response(api.RootSerializer(data).data)


@conditional
class ItemListView(APIView):
    schema = FacetSchema()
    facet_params = True

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "changed_since", OpenApiTypes.DATETIME, description="Only items changed since (ISO 8601)."
            ),
        ],
        responses={200: api.ItemPageSerializer, **ERRORS},
        summary="Every public item, filtered by facets, in a stable order (id).",
        operation_id="items_list",
    )
    def get(self, request):
        labels = catalogue.facet_labels()
        params = _validate(api.ItemParamsSerializer, request, labels)
        filters = {p: params[p] for p in api.FILTER_PARAMS if params.get(p)}
        rows = catalogue.entries(filters, params.get("changed_since"))
        per_page = params.get("per_page", 20)
        count = rows.count()
        pages = max(1, math.ceil(count / per_page))
        page = params.get("page", 1)
        start = (page - 1) * per_page
        results = catalogue.items(rows[start : start + per_page], _absolute(request), labels)

        def link(number):
            query = request.query_params.copy()
            query["page"] = str(number)
            return absolute(request._request, request.path + "?" + urlencode(query, doseq=True))

        data = {
            "count": count,
            "page": page,
            "pages": pages,
            "per_page": per_page,
            "next": link(page + 1) if page < pages else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": results,
        }
        return _last_modified(Response(api.ItemPageSerializer(data).data))


@conditional
class ItemDetailView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("id", OpenApiTypes.STR, OpenApiParameter.PATH, description="Stable id, e.g. page:12.")
        ],
        responses={200: api.ItemSerializer, **ERRORS},
        summary="One public item.",
        operation_id="items_retrieve",
    )
    def get(self, request, item_id):
        row = catalogue.entries().filter(key=item_id).first()
        if row is None:
            raise exceptions.NotFound()
        data = catalogue.items([row], _absolute(request))[0]
        response = Response(api.ItemSerializer(data).data)
        response["Last-Modified"] = http_date(row.updated_at.timestamp())
        return response


@conditional
class TaxonomyView(APIView):
    @extend_schema(responses={200: api.TaxonomySerializer(many=True)}, summary="Every facet with all its values.")
    def get(self, request):
        return Response(api.TaxonomySerializer(catalogue.taxonomies(), many=True).data)


@conditional
class SearchView(APIView):
    schema = FacetSchema()
    facet_params = True
    max_per_page = 50  # as the search page

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q", {"type": "string", "maxLength": MAX_QUERY_LENGTH},
                description=f"Search text, at most {MAX_QUERY_LENGTH} characters.",
            ),
            OpenApiParameter("sort", OpenApiTypes.STR, enum=["relevantie", "nieuwste", "titel"]),
        ],
        responses={200: api.SearchAnswerSerializer, **ERRORS},
        summary="The site's search with facet counts (as /zoeken/), absolute URLs and stable ids.",
    )
    def get(self, request):
        labels = catalogue.facet_labels()
        params = _validate(api.SearchParamsSerializer, request, labels)
        per_page = params.get("per_page", 20)
        if per_page > 50:
            raise exceptions.ValidationError({"per_page": ["De zoekfunctie geeft hoogstens 50 resultaten per pagina."]})
        page = run_search(request.query_params, source="api")
        payload = api_payload(page)
        absolute = _absolute(request)
        for result, item in zip(payload["results"], page.items, strict=True):
            result["url"] = absolute(result["url"])
            result["id"] = item.hit.key
        return _last_modified(Response(api.SearchAnswerSerializer(payload).data))
