"""Upload limits in the admin: too large, too many pixels (every GIF frame counts) and damaged
images get a Dutch form error; nothing is stored and nothing answers 500."""

import io
import re
from html import unescape

from PIL import Image

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection


def png(width, height) -> bytes:
    """A gradient: compresses well, so a large image is a small file."""
    buffer = io.BytesIO()
    Image.linear_gradient("L").resize((width, height)).convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


def gif(width, height, frames) -> bytes:
    images = [Image.new("P", (width, height), i % 250) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=40)
    return buffer.getvalue()


class UploadLimitTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = get_user_model().objects.create_superuser(
            "redactie", "redactie@example.org", "wachtwoord-123"
        )
        cls.collection = Collection.get_first_root_node().pk

    def setUp(self):
        self.client.force_login(self.user)

    def add_image(self, name, content):
        upload = SimpleUploadedFile(name, content, "image/png")
        data = {"title": "Foto", "file": upload, "collection": self.collection}
        return self.client.post("/admin/images/add/", data)

    def add_document(self, name, content):
        upload = SimpleUploadedFile(name, content, "application/pdf")
        data = {
            "title": "Gids",
            "file": upload,
            "collection": self.collection,
            "kind": "gids",
            "language": "nl",
            "licence": "cc-by-4.0",
        }
        return self.client.post("/admin/documents/add/", data)

    def assert_form_error(self, response, text):
        self.assertEqual(response.status_code, 200)  # the form again, with the error
        errors = re.findall(r'class="error-message">\s*(.*?)\s*</p>', response.content.decode(), re.S)
        self.assertTrue(any(text in unescape(e) for e in errors), errors)

    def test_a_truncated_large_png_gets_a_dutch_error(self):
        data = png(3000, 3000)
        response = self.add_image("foto.png", data[: len(data) // 2])
        self.assert_form_error(response, "beschadigd of onvolledig")
        self.assertFalse(get_image_model().objects.exists())

    def test_a_truncated_png_in_the_multiple_uploader(self):
        data = png(3000, 3000)
        upload = SimpleUploadedFile("foto.png", data[: len(data) // 2], "image/png")
        response = self.client.post("/admin/images/multiple/add/", {"files[]": upload})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.json()["success"])
        self.assertIn("beschadigd of onvolledig", response.json()["error_message"])

    def test_gif_frames_count_against_the_pixel_limit(self):
        response = self.add_image("animatie.gif", gif(1000, 1000, 40))  # 40 million pixels
        self.assert_form_error(response, "40 beelden van 1000 × 1000")
        self.assertFalse(get_image_model().objects.exists())

    def test_too_many_pixels(self):
        response = self.add_image("groot.png", png(6000, 6000))
        self.assert_form_error(response, "teveel pixels")

    def test_a_normal_image_is_stored(self):
        response = self.add_image("foto.png", png(800, 600))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(get_image_model().objects.get().width, 800)

    def test_a_too_large_document_gets_a_dutch_error(self):
        response = self.add_document("gids.pdf", b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024))
        self.assert_form_error(response, "Een document mag hoogstens 20,0")
        self.assertFalse(get_document_model().objects.exists())

    def test_a_too_large_document_in_the_multiple_uploader(self):
        upload = SimpleUploadedFile("gids.pdf", b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024))
        response = self.client.post("/admin/documents/multiple/add/", {"files[]": upload})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(response.json()["success"])
        self.assertIn("hoogstens", response.json()["error_message"])

    def test_a_normal_document_is_stored(self):
        response = self.add_document("gids.pdf", b"%PDF-1.4\n" + b"0" * 1000)
        self.assertEqual(response.status_code, 302)
        self.assertTrue(get_document_model().objects.exists())
