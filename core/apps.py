from django.apps import AppConfig
from django.db.models.signals import pre_save


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Basis"

    def ready(self):
        # lazy: the image model and the page cache's receivers need the app registry
        from wagtail.images import get_image_model

        from core import pagecache, treecache
        from core.images import strip_on_upload

        pre_save.connect(strip_on_upload, sender=get_image_model(), dispatch_uid="core_strip_image_metadata")
        pagecache.connect_signals()
        treecache.install()
