"""Upload limits for the admin's image and document forms, with Dutch form errors.

Images: Wagtail's own limits (WAGTAILIMAGES_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_IMAGE_PIXELS,
which counts every frame of an animated GIF), plus a check that the file decodes: a truncated
PNG made Pillow raise inside Wagtail's field and the upload answered 500. Documents:
DOCUMENT_MAX_UPLOAD_SIZE. The proxy's client_max_body_size (deploy/nginx.conf) sits above both,
so an editor meets these messages, not the proxy's English 413 page.
"""

import struct
import warnings

from PIL import Image as PILImage

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

BROKEN_IMAGE = (
    "Dit afbeeldingsbestand is beschadigd of onvolledig (%(reason)s). Sla de afbeelding "
    "opnieuw op in een fotoprogramma en laad ze nog eens op."
)
# What Pillow raises on damaged or cut-off data.
DECODE_ERRORS = (OSError, ValueError, SyntaxError, EOFError, struct.error, IndexError)


class KennisImageField(WagtailImageField):
    def to_python(self, data):
        try:
            f = super().to_python(data)
        except DECODE_ERRORS as exc:
            raise ValidationError(BROKEN_IMAGE, "invalid_image", {"reason": "onleesbaar"}) from exc
        if f is not None and f.image.format_name != "svg":
            check_complete(f)
        return f


def check_complete(f) -> None:
    """Read the image through once without keeping its pixels (Pillow's verify: chunk by
    chunk, checksums for PNG), so a cut-off file is refused now rather than failing later in
    every rendition."""
    f.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(f) as image:
                check_frames(image)
            f.seek(0)
            with PILImage.open(f) as image:
                image.verify()
    except PILImage.DecompressionBombError as exc:
        raise ValidationError(BROKEN_IMAGE, "invalid_image", {"reason": "te groot"}) from exc
    except (*DECODE_ERRORS, PILImage.DecompressionBombWarning) as exc:
        raise ValidationError(BROKEN_IMAGE, "invalid_image", {"reason": "onvolledig"}) from exc
    finally:
        f.seek(0)


def check_frames(image) -> None:
    """Every frame of an animation is decoded for a rendition, so all count against the pixel
    limit (Willow's Pillow plugin reports one frame for any GIF, so Wagtail counts one)."""
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    frames = getattr(image, "n_frames", 1)
    pixels = image.width * image.height * frames
    if limit and frames > 1 and pixels > limit:
        raise ValidationError(
            "Deze animatie bevat te veel pixels: %(frames)s beelden van %(width)s × %(height)s, "
            "samen %(pixels)s. Het maximum is %(limit)s. Gebruik minder of kleinere beelden.",
            "file_too_many_pixels",
            {
                "frames": frames,
                "width": image.width,
                "height": image.height,
                "pixels": f"{pixels:,}".replace(",", "."),
                "limit": f"{limit:,}".replace(",", "."),
            },
        )


class ImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: Wagtail's image form with the stricter file field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, KennisImageField):
            self.fields["file"] = KennisImageField(
                label=field.label, required=field.required, widget=field.widget
            )


class DocumentForm(BaseDocumentForm):
    """WAGTAILDOCS_DOCUMENT_FORM_BASE: Wagtail's document form with a size limit."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        limit = settings.DOCUMENT_MAX_UPLOAD_SIZE
        if file is not None and getattr(file, "size", 0) > limit:
            raise ValidationError(
                "Dit bestand is te groot (%(size)s). Een document mag hoogstens %(limit)s zijn. "
                "Verklein het (bijvoorbeeld een pdf met kleinere afbeeldingen) of deel het op.",
                "file_too_large",
                {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            )
        return file
