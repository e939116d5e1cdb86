"""Receivers for the events other apps announce (search, help-finder)."""

import logging

from analytics import counting
from helpfinder.signals import help_route_clicked
from planning.signals import planning_event
from search.signals import search_performed

logger = logging.getLogger("analytics")


COUNTED_SEARCH_SOURCES = {"page", "api"}  # not pre-filtered listings: nobody typed a search


def on_search_performed(
    sender, query="", total=0, facets=None, request=None, source="page", page=1, **kwargs
):
    """One search per query: the second result page of the same search is not a new one."""
    try:
        if source not in COUNTED_SEARCH_SOURCES or (page or 1) > 1:
            return
        # The words as typed: a search that only found something after a spelling correction
        # or widening still belongs on the editors' list of searches without results.
        counting.record_search(query, kwargs.get("typed_total", total), facets, request=request)
    except Exception:
        logger.exception("Counting a search failed.")


def on_help_route_clicked(sender, route="", request=None, channel="", **kwargs):
    """Counts the route slug (and the channel, e.g. "awel/chat"); the target URL and the
    timestamp the help-finder also sends are not stored."""
    try:
        counting.record_help_click(f"{route}/{channel}" if channel else route, request=request)
    except Exception:
        logger.exception("Counting a help-route click failed.")


def on_planning_event(sender, event="", audience="", request=None, **kwargs):
    try:
        counting.record_planning_event(event, audience, request=request)
    except Exception:
        logger.exception("Counting a planning event failed.")


def connect():
    """Count what the search, the help-finder and the planning tools announce."""
    search_performed.connect(on_search_performed, dispatch_uid="analytics_search_performed")
    help_route_clicked.connect(on_help_route_clicked, dispatch_uid="analytics_help_route_clicked")
    planning_event.connect(on_planning_event, dispatch_uid="analytics_planning_event")
