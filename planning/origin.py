"""Same-origin check for the few POST forms of the planning tools: they need no CSRF cookie,
so a visitor who never starts a list never gets a cookie."""

from urllib.parse import urlsplit


def same_origin(request) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site", "")
    if fetch_site:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin", "")
    return bool(origin) and origin != "null" and urlsplit(origin).netloc == request.get_host()
