"""Signals of the help-finder, for other apps to subscribe to.

`help_route_clicked` is sent each time a visitor follows an outgoing help link through
/hulp/ga/<slug>/ (and /hulp/ga/<service>/<kanaal>/). The help-finder records nothing itself.

Keyword arguments:
    request: the HttpRequest (receivers must not store anything that identifies the visitor);
    route: the slug in the URL (a HelpRoute slug, a HelpService slug, or "melden-<platform>");
    kind: "route", "service" or "platform";
    channel: "" for routes and platforms, "chat" or "website" for a service;
    target: the URL the visitor is sent to;
    timestamp: when (aware datetime).

`open_status_shown` is sent each time a "nu open / nu gesloten" answer is computed for a page,
with `valid_for`: the seconds that answer stays right (until the next whole minute; opening
hours are whole minutes). A page cache keeps such a page no longer (core.pagecache).
"""

from django.dispatch import Signal

help_route_clicked = Signal()
open_status_shown = Signal()
