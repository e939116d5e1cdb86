"""Referral templates for replies: built from the help-finder's own content (services and help
routes), so a number or an opening hour is kept in one place and never copied out of date."""

from django.urls import reverse

from helpfinder.models import HelpRoute, HelpService, PlatformGuide

SERVICES = ["1712", "awel", "child-focus", "politie"]
ROUTES = ["clb", "werk-vertrouwenspersoon"]
PLATFORMS = "platformen"


def referrals() -> list[tuple[str, str, str]]:
    """(key, title, text) for every referral the counsellor can add to a reply."""
    found = []
    services = {s.slug: s for s in HelpService.objects.filter(slug__in=SERVICES)}
    for slug in SERVICES:
        service = services.get(slug)
        if service:
            text = f"{service.name}: {service.description}"
            if service.phone:
                text += f" Bel {service.phone_label}."
            if service.contact_url:
                text += f" Website: {service.contact_url}"
            found.append((f"dienst-{slug}", service.name, text))
    routes = {r.slug: r for r in HelpRoute.objects.filter(slug__in=ROUTES)}
    for slug in ROUTES:
        route = routes.get(slug)
        if route:
            found.append(
                (
                    f"route-{slug}",
                    route.title,
                    f"{route.title}. {route.summary} Meer uitleg op onze website: "
                    f"{reverse('helpfinder:route-detail', args=[slug])}",
                )
            )
    if PlatformGuide.objects.exists():
        names = ", ".join(PlatformGuide.objects.values_list("name", flat=True))
        found.append(
            (
                PLATFORMS,
                "Melden op het platform",
                f"Meld het bericht of het account ook op het platform zelf. Hoe dat gaat, staat stap voor stap op onze "
                f"website bij ‘Melden op sociale media en in games’ ({names}): {reverse('helpfinder:platforms')}",
            )
        )
    return found


def texts(keys) -> list[str]:
    by_key = {key: text for key, _, text in referrals()}
    return [by_key[key] for key in keys if key in by_key]
