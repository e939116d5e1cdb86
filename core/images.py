"""Uploaded images lose their metadata (EXIF GPS position, camera model, XMP, IPTC, comments).

Willow copies the EXIF block of the original into every JPEG and PNG rendition, and Wagtail has
no setting to stop it; so the original itself is cleaned when it is saved. Every rendition made
from it is then clean too. The photo is turned upright first (the EXIF orientation goes with
the rest). Colour profiles stay: they hold no personal data and keep the colours right.
"""

from __future__ import annotations

import io
import logging

from PIL import Image, ImageOps

from django.core.files.base import ContentFile

logger = logging.getLogger(__name__)

#: Formats Pillow can write again without losing frames; GIF and HEIC are left as they are.
CLEANED_FORMATS = {"JPEG", "PNG", "WEBP", "AVIF", "MPO"}
#: JPEG segments that carry metadata: APP1 (EXIF, XMP), APP12/APP13 (Ducky, IPTC), comments.
JPEG_METADATA_MARKERS = {"APP1", "APP12", "APP13", "COM"}
INFO_METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "Comment"}


def has_metadata(image: Image.Image) -> bool:
    if INFO_METADATA_KEYS & set(image.info):
        return True
    if any(marker in JPEG_METADATA_MARKERS for marker, _ in getattr(image, "applist", [])):
        return True
    return bool(getattr(image, "text", None))  # PNG tEXt/iTXt chunks


def clean_image_bytes(data: bytes) -> bytes | None:
    """The image without its metadata, or None when there is nothing to clean (or it is not
    an image Pillow can write back)."""
    with Image.open(io.BytesIO(data)) as image:
        kind = image.format
        if kind not in CLEANED_FORMATS or getattr(image, "n_frames", 1) > 1 and kind != "MPO":
            return None
        if not has_metadata(image):
            return None
        icc_profile = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
        rotated = upright is not image
        out = io.BytesIO()
        options = {"icc_profile": icc_profile} if icc_profile else {}
        if kind in ("JPEG", "MPO"):
            if rotated:
                options.update(quality=92)
            else:
                # Same quantisation tables and subsampling: no visible loss.
                options.update(quality="keep", subsampling="keep")
            upright.save(out, format="JPEG", **options)
        elif kind == "PNG":
            upright.save(out, format="PNG", optimize=False, **options)
        else:
            lossless = bool(image.info.get("lossless"))
            upright.save(out, format=kind, quality=90, lossless=lossless, **options)
        return out.getvalue()


def strip_metadata(image_model_instance) -> bool:
    """Replace the instance's file by a clean copy (not yet saved). True when it changed."""
    field_file = image_model_instance.file
    if not field_file:
        return False
    try:
        field_file.open("rb")
        field_file.seek(0)
        data = field_file.read()
        field_file.seek(0)
        clean = clean_image_bytes(data)
    except Exception as error:
        # Not an image Pillow can write back: Wagtail's own validation speaks to the editor;
        # an upload never fails here, but the operator hears of it.
        logger.warning("Image metadata not stripped from %s: %r", field_file.name, error)
        return False
    if clean is None:
        return False
    name = field_file.name.rsplit("/", 1)[-1]
    image_model_instance.file = ContentFile(clean, name=name)
    image_model_instance.file_size = len(clean)
    image_model_instance.file_hash = ""  # Wagtail computes it again when asked
    return True


def strip_on_upload(sender, instance, raw=False, **kwargs):
    """pre_save: a new or replaced original is cleaned before it reaches the storage."""
    if raw or not instance.file or getattr(instance.file, "_committed", True):
        return
    strip_metadata(instance)
