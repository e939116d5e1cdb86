"""The one shared block library. Every block has an icon, a template, a description and a
preview value, so editors see what they add."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Tekst", max_length=120)
    level = blocks.ChoiceBlock(
        label="Niveau",
        choices=[("h2", "Tussentitel (H2)"), ("h3", "Subtitel (H3)")],
        default="h2",
        help_text="Gebruik H3 alleen onder een H2, zodat schermlezers de structuur volgen.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = "Tussentitel"
        description = "Een tussentitel die de tekst in delen opsplitst."
        preview_value = {"text": "Wat kan je doen?", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "link", "document-link", "ol", "ul", "h3"])
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        label = "Tekst"
        description = "Lopende tekst met opmaak, lijsten en links."
        preview_value = "<p>Pesten is het doelbewust en herhaaldelijk kwetsen van iemand.</p>"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label="Afbeelding")
    caption = blocks.CharBlock(label="Bijschrift", required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"
        label = "Afbeelding"
        description = "Een afbeelding met alternatieve tekst en een optioneel bijschrift."


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="Citaat")
    source = blocks.CharBlock(label="Bron", required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = "Citaat"
        description = "Een citaat met bron."
        preview_value = {"quote": "Ik durfde het aan niemand te vertellen.", "source": "Jongere, 14"}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label="Soort",
        choices=[("tip", "Tip"), ("let-op", "Let op"), ("hulp", "Hulp nodig")],
        default="tip",
    )
    title = blocks.CharBlock(label="Titel", max_length=120)
    text = blocks.RichTextBlock(label="Tekst", features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        label = "Kader"
        description = "Een opvallend kader voor een tip, een waarschuwing of een hulplijn."
        preview_value = {
            "kind": "hulp",
            "title": "Praat erover",
            "text": "<p>Bel gratis en anoniem 1712 of Awel op 102.</p>",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Document")
    title = blocks.CharBlock(
        label="Titel", required=False, help_text="Laat leeg om de titel van het document te tonen."
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        label = "Download"
        description = "Een downloadlink die het soort bestand en de grootte toont."


class LinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Linktekst", max_length=120)
    page = blocks.PageChooserBlock(label="Pagina", required=False)
    url = blocks.URLBlock(label="Of een webadres", required=False)

    class Meta:
        icon = "link"
        template = "blocks/link_block.html"
        label = "Knop"
        description = "Een duidelijke knop naar een pagina op deze site of een ander webadres."
        preview_value = {"text": "Naar de toolkits", "url": "https://example.org"}


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="Vraag", max_length=200)
    answer = blocks.RichTextBlock(label="Antwoord", features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        template = "blocks/question_block.html"
        label = "Vraag en antwoord"
        description = "Een vraag die bezoekers openklappen om het antwoord te lezen."
        preview_value = {"question": "Wat is cyberpesten?", "answer": "<p>Pesten via gsm of internet.</p>"}


class StepBlock(blocks.StructBlock):
    """One module or step of a toolkit."""

    title = blocks.CharBlock(label="Titel van de stap", max_length=150)
    body = blocks.RichTextBlock(label="Uitleg", features=["bold", "italic", "link", "document-link", "ul", "ol"])
    duration = blocks.CharBlock(label="Duur", required=False, max_length=60, help_text="Bijvoorbeeld: 50 minuten.")

    class Meta:
        icon = "list-ol"
        template = "blocks/step_block.html"
        label = "Stap of module"
        description = "Een stap of module van een toolkit, met uitleg en duur."
        preview_value = {
            "title": "Stap 1: breng de situatie in kaart",
            "body": "<p>Gebruik de checklist.</p>",
            "duration": "1 uur",
        }


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    figure = FigureBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    document = DocumentLinkBlock()
    link = LinkBlock()
    question = QuestionBlock()

    class Meta:
        template = "blocks/body_block.html"


class StepsBlock(blocks.StreamBlock):
    step = StepBlock()
