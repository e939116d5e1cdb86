from core import pagecache
from home.models import AudiencePage


def site_navigation(request):
    """Audience navigation for the header. One small query, only on HTML pages that use it."""

    def load():
        return list(
            AudiencePage.objects.live()
            .public()
            .only("title", "url_path", "path", "depth")
            .order_by("audience__sort_order")
        )

    def audiences():
        return pagecache.fragment("nav_audiences", load)

    return {"nav_audiences": audiences}
