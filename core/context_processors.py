from home.models import AudiencePage


def site_navigation(request):
    """Audience navigation for the header. One small query, only on HTML pages that use it."""

    def audiences():
        return list(
            AudiencePage.objects.live()
            .public()
            .only("title", "url_path", "path", "depth")
            .order_by("audience__sort_order")
        )

    return {"nav_audiences": audiences}
