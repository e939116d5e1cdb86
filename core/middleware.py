"""Response headers that keep visitors private."""

from django.conf import settings


class PrivacyHeadersMiddleware:
    """No referrer leaks to other sites; help pages are never cached or kept in history caches.

    Views mark a response as sensitive with `response.sensitive = True` (help and safety pages);
    those get `Cache-Control: no-store` and `Referrer-Policy: no-referrer`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", "interest-cohort=(), browsing-topics=()")
        csp = getattr(settings, "CONTENT_SECURITY_POLICY_HEADER", "")
        if csp and not request.path.startswith(("/admin/", "/django-admin/")):
            response.headers.setdefault("Content-Security-Policy", csp)
        if getattr(response, "sensitive", False):
            response.headers["Cache-Control"] = "no-store"
            response.headers["Referrer-Policy"] = "no-referrer"
        return response
