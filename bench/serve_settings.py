"""`make bench-serve`: the production settings, plus one bare view beside the site (bench/serve_urls.py)."""

from kenniscentrum.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.serve_urls"
