"""Who may see which reach figures (least privilege).

- `analytics.view_reach`: every figure of the whole site, without visitor free text.
- `analytics.view_audience_reach`: only the figures of the audiences whose landing page the
  user may edit (a partner editor); nothing that cannot be narrowed to an audience.
- `analytics.view_feedback`: the visitors' comments (free text, may hold personal data).
- `analytics.view_dailysearch`: the search terms visitors typed (free text as well).

The groups get these in `editorial.setup`; superusers have all of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied

from wagtail.models import GroupPagePermission

from home.models import AudiencePage

REACH_ALL = "analytics.view_reach"
REACH_AUDIENCE = "analytics.view_audience_reach"
COMMENTS = "analytics.view_feedback"
SEARCH_TERMS = "analytics.view_dailysearch"

#: Tables with visitor free text, and the permission each needs.
FREE_TEXT_TABLES = {
    "opmerkingen": COMMENTS,
    "zoektermen": SEARCH_TERMS,
    "zonder-resultaat": SEARCH_TERMS,
}
#: Tables and metrics that count the whole site whatever the audience filter says.
SITE_WIDE_TABLES = {"toolkits", "hulproutes", "meldpunt"}
SITE_WIDE_METRICS = {"Kliks op hulproutes"}


@dataclass(frozen=True)
class ReachAccess:
    #: None: every audience; otherwise the slugs of the only audiences this user may see.
    audiences: tuple[str, ...] | None
    comments: bool
    search_terms: bool

    def may_see_table(self, key: str) -> bool:
        needed = FREE_TEXT_TABLES.get(key)
        if needed == COMMENTS and not self.comments:
            return False
        if needed == SEARCH_TERMS and not self.search_terms:
            return False
        return not (self.audiences is not None and key in SITE_WIDE_TABLES)

    def may_see_metric(self, label: str) -> bool:
        return self.audiences is None or label not in SITE_WIDE_METRICS

    def scope(self, filters):
        """Force the audience filter to one the user may see."""
        if self.audiences is not None and filters.audience not in self.audiences:
            filters.audience = self.audiences[0]
        return filters


def partner_audiences(user) -> tuple[str, ...]:
    """Slugs of the audiences whose landing page one of the user's groups may change."""
    page_ids = GroupPagePermission.objects.filter(group__user=user, permission__codename="change_page").values(
        "page_id"
    )
    return tuple(
        AudiencePage.objects.filter(pk__in=page_ids)
        .order_by("audience__name")
        .values_list("audience__slug", flat=True)
        .distinct()
    )


def reach_access(user) -> ReachAccess | None:
    """What the user may see of the reach figures; None: nothing at all."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.has_perm(REACH_ALL):
        audiences = None
    elif user.has_perm(REACH_AUDIENCE):
        audiences = partner_audiences(user)
        if not audiences:
            return None
    else:
        return None
    return ReachAccess(
        audiences=audiences,
        comments=user.has_perm(COMMENTS),
        search_terms=user.has_perm(SEARCH_TERMS),
    )


def require_reach_access(user) -> ReachAccess:
    access = reach_access(user)
    if access is None:
        raise PermissionDenied
    return access
