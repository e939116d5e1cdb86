"""Clean images uploaded before metadata stripping existed, and drop their old renditions.

Safe to run any number of times: a clean image is left alone.
"""

from django.core.management.base import BaseCommand

from wagtail.images import get_image_model

from core.images import strip_metadata


class Command(BaseCommand):
    help = "Remove EXIF/XMP/IPTC metadata (GPS position, camera...) from every uploaded image."

    def handle(self, *args, **options):
        cleaned = 0
        for image in get_image_model().objects.all().iterator():
            old_name = image.file.name
            if not strip_metadata(image):
                continue
            image.save()
            image.renditions.all().delete()  # made from the old file: made again on demand
            if image.file.name != old_name:
                image.file.storage.delete(old_name)
            cleaned += 1
        self.stdout.write(f"{cleaned} image(s) cleaned of metadata.")
