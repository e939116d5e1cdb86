"""The first open data dump of a new server, as a background task (django-tasks) on the "imports"
backend, the database queue the container's worker already runs. The nightly dump is
deploy/crontab's `export_open_data`."""

from django_tasks import task

from opendata.export import export_open_data


@task(backend="imports")
def refresh_open_data() -> None:
    export_open_data()
