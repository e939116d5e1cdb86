"""Index pages list their live children through one small method, never in templates."""

from core.pagination import paginate


class ListingMixin:
    """For index pages: `listing_queryset()` names what is listed, `get_context` paginates."""

    listing_model = None
    listing_order = ("-first_published_at",)
    per_page = 12

    def listing_queryset(self):
        return (
            self.listing_model.objects.child_of(self)
            .live()
            .public()
            .order_by(*self.listing_order)
            .prefetch_related("audiences")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        result = paginate(request, self.listing_queryset(), self.per_page)
        context["items"] = result.page
        context["page_message"] = result.message
        return context
