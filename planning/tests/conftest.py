"""Fixtures of the planning tests that run against the demo content, as a visitor's browser."""

import pytest

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"


@pytest.fixture
def on_demo(demo_content, settings):
    """The demo content, with every visit counted at once (the analytics tests read the counts)."""
    settings.ANALYTICS_FLUSH_SECONDS = 0


@pytest.fixture
def visitor(client):
    client.defaults["HTTP_USER_AGENT"] = BROWSER
    return client
