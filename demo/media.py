"""The demo loader's files: generated documents (PDF, DOCX, ...) and illustrations."""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from demo import documents as document_files
from demo.images import illustration
from demo.pages import DEFAULT_COLOUR


class MediaLoader:
    """Mixed into `demo.loader.DemoContentLoader` (its state: `self.home`, `self.taxonomy`, ...)."""

    def store_file(self, instance, content: bytes, filename: str):
        """Put new bytes in `instance.file`; the old file goes once the transaction commits."""
        old_name = instance.file.name if instance.file else None
        instance.file.save(
            filename,
            ContentFile(content) if not isinstance(content, ImageFile) else content,
            save=False,
        )
        self.written_files.append((instance.file.storage, instance.file.name))
        if old_name and old_name != instance.file.name:
            storage = instance.file.storage
            transaction.on_commit(lambda: storage.delete(old_name))

    def image(self, title: str, description: str, key: str, colour: str, motif: str = "bubbles"):
        Image = get_image_model()
        content = illustration(key, colour, motif)
        digest = hashlib.sha1(content).hexdigest()  # noqa: S324 - Wagtail's own file hash
        image = Image.objects.filter(title=title).order_by("pk").first()
        outcome = "unchanged"
        if image is None:
            image = Image(title=title, description=description, uploaded_by_user=self.user)
            outcome = "created"
        if (
            outcome == "created"
            or image.file_hash != digest
            or not image.file.storage.exists(image.file.name)
        ):
            self.store_file(image, ImageFile(ContentFile(content), name=f"{key}.png"), f"{key}.png")
            image.file_size, image.file_hash = len(content), digest
            outcome = outcome if outcome == "created" else "updated"
        if image.description != description:
            image.description = description
            outcome = outcome if outcome == "created" else "updated"
        if outcome != "unchanged":
            image.save()
        self.count("images", outcome, image)
        return image

    def page_image(self, item: dict, kind: str):
        if item.get("image") is False:
            return None
        colour = self.colour_for(item)
        description = (
            item.get("image_alt") or "Illustratie met tekstballonnen: mensen die met elkaar praten."
        )
        if item.get("motif") == "people":
            description = (
                item.get("image_alt") or "Illustratie: een groep figuren die naast elkaar staan."
            )
        return self.image(
            f"Illustratie – {item['title']}",
            description,
            f"{kind}-{item['slug']}",
            colour,
            item.get("motif", "bubbles"),
        )

    def load_documents(self, specs: dict):
        Document = get_document_model()
        for key, spec in specs.items():
            where = f"document {key}"
            audiences = self.taxonomy_values({"audiences": spec.get("audiences", [])}, where)[
                "audiences"
            ]
            colour = (
                self.colours.get(spec["audiences"][0], DEFAULT_COLOUR)
                if spec.get("audiences")
                else DEFAULT_COLOUR
            )
            content, _extension = document_files.build(spec, spec.get("colour", colour))
            digest = hashlib.sha1(content).hexdigest()  # noqa: S324 - Wagtail's own file hash
            document = Document.objects.filter(title=spec["title"]).order_by("pk").first()
            outcome = "unchanged"
            if document is None:
                document = Document(title=spec["title"], uploaded_by_user=self.user)
                outcome = "created"
            meta = {
                "description": spec["description"],
                "kind": spec["kind"],
                "language": spec.get("language", "nl"),
                "licence": spec.get("licence", "cc-by-4.0"),
            }
            if any(getattr(document, name) != value for name, value in meta.items()):
                self.apply(document, meta)
                outcome = outcome if outcome == "created" else "updated"
            if (
                outcome == "created"
                or document.file_hash != digest
                or not document.file.storage.exists(document.file.name)
            ):
                self.store_file(document, content, spec["filename"])
                document.file_size, document.file_hash = len(content), digest
                outcome = outcome if outcome == "created" else "updated"
            if outcome != "unchanged":
                document.save()
            if set(document.audiences.all()) != set(audiences):
                document.audiences.set(audiences)
                outcome = outcome if outcome == "created" else "updated"
            self.documents[key] = document
            self.count("documents", outcome, document)
