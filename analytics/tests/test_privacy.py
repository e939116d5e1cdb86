"""Nothing that could single out a visitor is stored: not in the schema, not in the rows."""

from django.apps import apps
from django.db import connection

from analytics import signals

SUSPECT = (
    "ip",
    "addr",
    "agent",
    "session",
    "cookie",
    "user",
    "email",
    "mail",
    "name",
    "time",
    "referer",
    "host",
)
UA = "Mozilla/5.0 (X11; Linux x86_64) UniekeBrowser/9.9.9 Firefox/140.0"
IP = "203.0.113.77"


def analytics_models():
    return list(apps.get_app_config("analytics").get_models())


def test_schema_has_no_column_that_could_identify_a_visitor(db):
    with connection.cursor() as cursor:
        for model in analytics_models():
            columns = [
                c.name
                for c in connection.introspection.get_table_description(
                    cursor, model._meta.db_table
                )
            ]
            for column in columns:
                assert not any(s in column.lower() for s in SUSPECT), f"{model.__name__}.{column}"
            if model.__name__ == "CacheLogPosition":
                continue  # bookkeeping of the log import: a file and a byte offset, no visit
            date_field = model._meta.get_field("date")
            assert date_field.get_internal_type() == "DateField"  # a day, never a time


def test_stored_rows_contain_nothing_personal(site, client):
    headers = {"HTTP_USER_AGENT": UA, "REMOTE_ADDR": IP, "HTTP_X_FORWARDED_FOR": IP}
    client.get(site["about"].url, **headers)
    response = client.get(site["gids"].url + "?ik=ouder", **headers)
    b"".join(response.streaming_content)
    client.get(site["toolkit"].url, HTTP_REFERER="http://testserver/zoeken/?q=pesten", **headers)
    import time

    from django.core import signing

    from analytics.feedback import SIGNING_NAMESPACE

    token = signing.dumps(int(time.time()) - 10, salt=SIGNING_NAMESPACE)
    client.post(
        "/feedback/",
        {"pagina": site["about"].pk, "t": token, "nuttig": "ja", "opmerking": "Goed"},
        HTTP_ORIGIN="http://testserver",
        **headers,
    )
    signals.on_search_performed(None, query="pesten", total=2, facets={})
    signals.on_help_route_clicked(None, route="1712")

    dump = []
    total_rows = 0
    with connection.cursor() as cursor:
        for model in analytics_models():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
            rows = cursor.fetchall()
            total_rows += len(rows)
            dump.extend(str(value) for row in rows for value in row)
    text = " ".join(dump)
    assert total_rows >= 6  # everything above was counted...
    for secret in (IP, "UniekeBrowser", "Mozilla", "testserver", "sessionid", "csrftoken"):
        assert secret not in text  # ...and nothing about who did it


def test_no_cookies_for_visitors_on_counted_responses(site, client):
    for url in (site["about"].url, site["toolkit"].url, site["gids"].url):
        response = client.get(url, HTTP_USER_AGENT=UA)
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers
