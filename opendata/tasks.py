"""Background refresh of the open data dump (django-tasks). Queued on the "imports" backend, the
database queue that the container's worker already runs (see README, "Open data")."""

from django_tasks import task


@task(backend="imports")
def refresh_open_data() -> None:
    from opendata.export import export_open_data

    export_open_data()
