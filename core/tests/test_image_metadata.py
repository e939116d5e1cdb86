"""A photo uploaded in the admin loses its GPS position and camera model: in the stored
original and in every rendition a visitor can download (the JPEG fallback too)."""

import io

import pytest
from PIL import Image, PngImagePlugin

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from wagtail.images import get_image_model
from wagtail.models import Collection

CAMERA = "SpionCam X-100"
GPS_IFD = 0x8825
MODEL = 0x0110
ORIENTATION = 0x0112


def photo(fmt="JPEG", size=(60, 40), orientation=1):
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((20, 20, 200), (0, 0, size[0] // 2, size[1] // 4))  # a blue corner: top left
    exif = Image.Exif()
    exif[MODEL] = CAMERA
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (50.0, 51.0, 0.0), 3: "E", 4: (4.0, 21.0, 0.0)})
    out = io.BytesIO()
    options = {"exif": exif.tobytes()}
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Author", "Jana Peeters")
        options["pnginfo"] = info
    image.save(out, format=fmt, **options)
    return out.getvalue()


def assert_clean(data):
    assert CAMERA.encode() not in data
    assert b"Jana Peeters" not in data
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert MODEL not in exif and GPS_IFD not in exif
        assert "exif" not in image.info


@pytest.fixture
def editor(db):
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("beheer", "b@example.org", "wachtwoord-123"))
    return client


def upload(editor, data, name):
    response = editor.post(
        "/admin/images/add/",
        {
            "title": "Foto van de klas",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, data),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_image_model().objects.get(title="Foto van de klas")


@pytest.mark.parametrize(
    "fmt,name",
    [("JPEG", "klas.jpg"), ("PNG", "klas.png"), ("WEBP", "klas.webp"), ("AVIF", "klas.avif")],
)
def test_upload_keeps_no_gps_or_camera_in_original_or_renditions(editor, fmt, name):
    data = photo(fmt)
    assert CAMERA.encode() in data  # the test photo does carry it
    image = upload(editor, data, name)
    with image.open_file() as f:
        assert_clean(f.read())
    for spec in ("width-480|format-jpeg", "width-480|format-webp", "fill-40x40", "original"):
        rendition = image.get_rendition(spec)
        with rendition.file.open("rb") as f:
            assert_clean(f.read())


def test_the_photo_stays_upright(editor):
    """Orientation 6 (camera held sideways): stored turned, so it looks the same without EXIF."""
    image = upload(editor, photo(orientation=6), "staand.jpg")
    assert (image.width, image.height) == (40, 60)
    with image.open_file() as f, Image.open(f) as pil:
        assert pil.size == (40, 60)
        # The blue corner, top left before, is now at the top right.
        assert pil.getpixel((35, 2))[2] > 150


def test_command_cleans_images_uploaded_before(db):
    Image_ = get_image_model()
    image = Image_(title="Oude foto", file=SimpleUploadedFile("oud.jpg", photo()))
    # As it was stored before the stripping existed: straight to storage, no signal.
    image.file.save("oud.jpg", SimpleUploadedFile("oud.jpg", photo()), save=False)
    Image_.objects.bulk_create([image])
    image = Image_.objects.get(title="Oude foto")
    with image.open_file() as f:
        assert CAMERA.encode() in f.read()
    rendition = image.get_rendition("width-30")
    with rendition.file.open("rb") as f:
        assert CAMERA.encode() in f.read()  # Willow copies the EXIF into renditions

    out = io.StringIO()
    call_command("strip_image_metadata", stdout=out)
    assert "1 image(s)" in out.getvalue()
    image.refresh_from_db()
    with image.open_file() as f:
        assert_clean(f.read())
    with image.get_rendition("width-30").file.open("rb") as f:
        assert_clean(f.read())
    out = io.StringIO()
    call_command("strip_image_metadata", stdout=out)
    assert "0 image(s)" in out.getvalue()  # a second run changes nothing
