"""OpenAPI document: only the public catalogue API (not Wagtail's own admin API)."""


def only_public_api(endpoints, **kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
