from django.apps import AppConfig


class HelpfinderConfig(AppConfig):
    name = "helpfinder"
    verbose_name = "Hulpwijzer"

    def ready(self):
        # lazy: the crisis phrases' model is not loaded before ready()
        from django.db.models.signals import post_delete, post_save

        from helpfinder.crisis import clear_cache
        from helpfinder.models import CrisisPhrase

        # The crisis word list is cached; an editor's change applies to the next search.
        post_save.connect(clear_cache, sender=CrisisPhrase, dispatch_uid="crisis-phrases-saved")
        post_delete.connect(clear_cache, sender=CrisisPhrase, dispatch_uid="crisis-phrases-deleted")
