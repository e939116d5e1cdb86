# Kenniscentrum (cyber)pesten: production image.
#
#   docker build -t kenniscentrum .
#   docker run -p 8000:8000 -e SECRET_KEY=... -e ALLOWED_HOSTS=pesten.example.be \
#       -e DATABASE_URL=postgres://user:pass@db:5432/kenniscentrum -v kc-media:/app/media kenniscentrum
#
# Static files are collected at build time (WhiteNoise serves them, hashed and compressed).
# The entrypoint migrates on start and loads the demo content only when LOAD_DEMO_CONTENT=1.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=kenniscentrum.settings.production \
    PORT=8000 \
    MEDIA_ROOT=/app/media

WORKDIR /app

# WeasyPrint (the self-assessment's PDF) draws text with the system's pango.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Dependencies first, from the lock file, so code changes reuse this layer. Every package in
# the lock ships a manylinux wheel: no compiler needed.
COPY requirements.lock ./
RUN pip install -r requirements.lock

# A system user without a login shell or root rights runs the site; it may write only media
# and the page cache (var/pagecache; Redis instead when REDIS_URL is set).
RUN groupadd --system kenniscentrum \
    && useradd --system --gid kenniscentrum --home-dir /app --shell /usr/sbin/nologin kenniscentrum

# The code stays owned by root: the site's user can read it, not change it.
COPY . .

# collectstatic imports the production settings, which refuse to start without their three
# variables: give it throw-away values that exist only during this build step.
RUN SECRET_KEY=build-only-not-a-secret \
    ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput --verbosity 0 \
    && rm -f /tmp/build.sqlite3 \
    && mkdir -p /app/media /app/var/pagecache \
    && chown kenniscentrum:kenniscentrum /app/media /app/var/pagecache \
    && chmod 755 /app/docker-entrypoint.sh

USER kenniscentrum
VOLUME ["/app/media"]
EXPOSE 8000

# /gezond/ runs one trivial database query: unhealthy when the app or its database is down.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["/app/docker-entrypoint.sh", "healthcheck"]

ENTRYPOINT ["/app/docker-entrypoint.sh"]
CMD ["serve"]
