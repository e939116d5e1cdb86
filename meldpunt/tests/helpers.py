"""Sending reports the way a browser does, for the meldpunt tests."""

SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}


def form_token(client):
    """The signed timestamp of a freshly shown form."""
    html = client.get("/melden/").content.decode()
    return html.split('name="t" value="')[1].split('"')[0]


def report_data(client, **changes):
    data = {
        "t": form_token(client),
        "danger": "nee",
        "who": "slachtoffer",
        "what": ["berichten", "uitsluiten"],
        "setting": "online",
        "platform": "instagram",
        "since": "weken",
        "how_often": "dagelijks",
        "text": "Ze maken een groepschat over mij en lachen met mijn foto.",
        "age_group": "12-18",
        "province": "antwerpen",
        "answer_by": "code",
        "contact": "",
        "website": "",
    }
    data.update(changes)
    return data


def send(client, **changes):
    return client.post("/melden/", report_data(client, **changes), **SAME_ORIGIN)


def code_of(response) -> str:
    html = response.content.decode()
    return html.split('id="code">')[1].split("<")[0].strip()
