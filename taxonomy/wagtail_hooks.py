from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from taxonomy.models import AgeGroup, Approach, Audience, SchoolLevel, SchoolStrategy, Setting, Topic


def _viewset(taxonomy_model, icon_name):
    return type(
        f"{taxonomy_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": taxonomy_model,
            "icon": icon_name,
            "list_display": ["name", "slug", "sort_order"],
            "ordering": ["sort_order", "name"],
            "search_fields": ["name"],
        },
    )


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Indeling"
    menu_icon = "tag"
    menu_order = 300
    items = (
        _viewset(Audience, "group"),
        _viewset(Topic, "tag"),
        _viewset(Approach, "tasks"),
        _viewset(AgeGroup, "user"),
        _viewset(Setting, "home"),
        _viewset(SchoolStrategy, "list-ul"),
        _viewset(SchoolLevel, "list-ol"),
    )


register_snippet(TaxonomyGroup)
