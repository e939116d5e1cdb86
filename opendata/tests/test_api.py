"""The catalogue API /api/v1/: records, filters, pagination, conditional requests, CORS, the rate
limit and clear errors; the OpenAPI document is valid and a property-based fuzzer
(schemathesis) finds no 5xx and no answer that breaks the document, over real HTTP."""

import pytest
import schemathesis
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

pytestmark = pytest.mark.django_db
HOST = "http://localhost"


def get(client, url, **headers):
    return client.get(url, headers={"Accept": "application/json", **headers})


def test_items_have_stable_ids_absolute_urls_licence_taxonomy_evidence_and_documents(client, catalogue):
    answer = get(client, "/api/v1/items/?per_page=100").json()
    by_id = {item["id"]: item for item in answer["results"]}
    assert answer["count"] == len(by_id)
    research = by_id[f"page:{catalogue.research.pk}"]
    assert research["url"] == HOST + catalogue.research.url
    assert research["type"] == "onderzoek"
    assert research["licence"] == {
        "code": "cc-by-4.0", "label": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"
    }
    assert research["taxonomy"]["doelgroep"] == [{"slug": "onderwijs", "label": "Onderwijs"}]
    assert research["details"]["doi"] == "10.1000/eukids.2014"
    assert research["details"]["authors"] == ["Vandoninck, S.", "d'Haenens, L."]
    assert research["details"]["key_figures"][0]["value"] == 11.1
    practice = by_id[f"page:{catalogue.practice.pk}"]
    assert practice["evidence"] == {"level": "eerste-aanwijzingen", "label": "Eerste aanwijzingen voor effect"}
    assert practice["details"]["research"] == [f"page:{catalogue.research.pk}"]
    toolkit = by_id[f"page:{catalogue.toolkit.pk}"]
    [document] = toolkit["documents"]
    assert document["format"] == "pdf" and document["size_bytes"] == catalogue.document.file_size
    assert document["url"].startswith(HOST + "/documenten/")
    assert by_id[f"term:{catalogue.term.pk}"]["details"]["definition_html"].startswith("<p>Sexting")
    resource = by_id[f"page:{catalogue.resource.pk}"]
    assert resource["type"] == "extern"
    assert resource["licence"]["code"] == "cc-by-nc-4.0"  # external material keeps its own licence
    event = by_id[f"page:{catalogue.event.pk}"]
    assert event["details"]["start"] == catalogue.event.start.isoformat()
    for never in (catalogue.draft, catalogue.private, catalogue.hidden):
        assert f"page:{never.pk}" not in by_id or never is catalogue.hidden  # hidden from crawlers only
    assert f"page:{catalogue.draft.pk}" not in by_id and f"page:{catalogue.private.pk}" not in by_id
    detail = get(client, research["api_url"].removeprefix(HOST)).json()
    assert detail == research


def test_filters_pagination_and_links(client, catalogue):
    answer = get(client, "/api/v1/items/?type=onderzoek&type=praktijk").json()
    assert {item["type"] for item in answer["results"]} == {"onderzoek", "praktijk"}
    assert get(client, "/api/v1/items/?doelgroep=onderwijs&type=toolkit").json()["count"] == 1
    first = get(client, "/api/v1/items/?per_page=2").json()
    assert first["pages"] == -(-first["count"] // 2) and first["previous"] is None
    second = get(client, first["next"].removeprefix(HOST)).json()
    assert second["page"] == 2 and not {i["id"] for i in first["results"]} & {i["id"] for i in second["results"]}
    beyond = get(client, "/api/v1/items/?page=99").json()
    assert beyond["results"] == [] and beyond["next"] is None


def test_bad_parameters_get_a_clear_400_in_dutch_and_english(client, catalogue):
    for url, field in [
        ("/api/v1/items/?doelgroep=marsmannetjes", "doelgroep"),
        ("/api/v1/items/?page=0", "page"),
        ("/api/v1/items/?page=abc", "page"),
        ("/api/v1/items/?per_page=1000", "per_page"),
        ("/api/v1/items/?changed_since=gisteren", "changed_since"),
        ("/api/v1/search/?q=" + "a" * 201, "q"),
        ("/api/v1/search/?sort=willekeurig", "sort"),
    ]:
        response = get(client, url)
        assert response.status_code == 400, url
        body = response.json()
        assert body["detail"].startswith("Een of meer parameters") and body["detail_en"].startswith("One or more")
        assert list(body["errors"]) == [field], url
    assert "marsmannetjes" in get(client, "/api/v1/items/?doelgroep=marsmannetjes").json()["errors"]["doelgroep"][0]
    missing = get(client, "/api/v1/items/page:999999/")
    assert missing.status_code == 404 and missing.json()["detail_en"] == "This item does not exist or is not public."
    assert client.post("/api/v1/items/").status_code == 405


def test_etag_and_last_modified_give_304_until_content_changes(client, catalogue):
    first = get(client, "/api/v1/items/")
    assert first["ETag"] and first["Last-Modified"]
    assert get(client, "/api/v1/items/", If_None_Match=first["ETag"]).status_code == 304
    assert get(client, "/api/v1/items/", If_Modified_Since=first["Last-Modified"]).status_code == 304
    catalogue.news.title = "Nog nieuwere cijfers"
    catalogue.news.save_revision().publish()
    changed = get(client, "/api/v1/items/", If_None_Match=first["ETag"])
    assert changed.status_code == 200 and "Nog nieuwere cijfers" in changed.content.decode()


def test_cors_allows_any_site_to_read_but_never_with_credentials(client, catalogue):
    response = get(client, "/api/v1/items/", Origin="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/items/", headers={"Origin": "https://partner.example", "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code == 200 and "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]
    assert not response.cookies


def test_rate_limit_answers_429_in_dutch_and_english_with_retry_after(client, catalogue, settings):
    settings.OPENDATA_API_RATE = "3/minute"
    statuses = [get(client, "/api/v1/taxonomies/").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
    limited = get(client, "/api/v1/taxonomies/")
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    body = limited.json()
    assert body["detail"].startswith("Te veel aanvragen") and body["detail_en"].startswith("Too many requests")
    # Another client (address) is not affected.
    assert client.get("/api/v1/taxonomies/", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_taxonomies_and_search(client, catalogue):
    taxonomies = {t["param"]: t for t in get(client, "/api/v1/taxonomies/").json()}
    assert {"slug": "onderwijs", "label": "Onderwijs"} in taxonomies["doelgroep"]["values"]
    assert "bewijs" in taxonomies and "type" in taxonomies
    answer = get(client, "/api/v1/search/?q=sexting&type=toolkit").json()
    assert [r["id"] for r in answer["results"]] == [f"page:{catalogue.toolkit.pk}"]
    assert answer["results"][0]["url"] == HOST + catalogue.toolkit.url
    assert answer["facets"]["type"]["values"]


def test_the_openapi_document_is_valid_openapi_3(client, catalogue):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate_schema(document)
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {
        "/api/v1/", "/api/v1/items/", "/api/v1/items/{item_id}/", "/api/v1/taxonomies/", "/api/v1/search/"
    }


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fuzzing_the_live_api_finds_no_server_error_and_no_answer_outside_the_document(live_server):
    """Every operation of the OpenAPI document, fuzzed over HTTP against a running server with a
    catalogue of every type (schemathesis: no 5xx, status codes, content types, headers and
    bodies as documented)."""
    from opendata.tests.conftest import build_catalogue

    build_catalogue()
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 5
    for operation in operations:

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None
        )
        def fuzz(case):
            case.call_and_validate()

        fuzz()
