"""What the planning tools announce, for the reach figures (analytics listens; see
analytics/signals.py). Only the kind of event and an audience slug: never who did it."""

from django.dispatch import Signal

#: event: one of EVENTS; audience: a taxonomy.Audience slug or "".
planning_event = Signal()

EVENTS = {
    "zelfscan-gestart": "Zelfscans gestart",
    "zelfscan-voltooid": "Zelfscans voltooid",
    "vergelijking": "Vergelijkingen",
    "lijst-gemaakt": "Lijsten gemaakt",
    "lijst-item": "Items op lijsten",
    "lijst-zip": "Zips gedownload",
}


def announce(request, event: str, audience: str = "") -> None:
    planning_event.send(sender=None, request=request, event=event, audience=audience or "")
