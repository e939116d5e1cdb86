"""Bad dates and parameters on the reach dashboard: a clear Dutch message, never a 500."""

from html import unescape

BAD = [
    ({"van": "0001-01-01"}, "De begindatum ligt voor"),
    ({"van": "0001-01-01", "tot": "0001-01-01"}, "De begindatum ligt voor"),
    ({"tot": "9999-12-31"}, "De einddatum ligt in de toekomst"),
    ({"van": "1999-01-01", "tot": "2030-01-01"}, "De einddatum ligt in de toekomst"),
    ({"van": "2026-13-45"}, "De begindatum is geen geldige datum"),
    ({"tot": "morgen"}, "De einddatum is geen geldige datum"),
    ({"van": "x" * 5000}, "De begindatum is geen geldige datum"),
    ({"van": "2026-01-01\x00"}, None),
    ({"doelgroep": "bestaat-niet", "type": "abc"}, None),
    ({"type": "9" * 30}, None),
]


def test_bad_filters_get_a_dutch_message(site, editor):
    for url in ("/admin/bereik/", f"/admin/bereik/toolkit/{site['toolkit'].pk}/"):
        for params, message in BAD:
            response = editor.get(url, params)
            assert response.status_code == 200, (url, params)
            if message:
                assert message in unescape(response.content.decode()), (url, params)


def test_csv_export_with_a_bad_date(site, editor):
    response = editor.get("/admin/bereik/", {"van": "0001-01-01", "export": "zoektermen"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
