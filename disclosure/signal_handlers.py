"""Pages are found by the names of the people and units they show (``executives_text``, ``unit_heads_text``,
``units_text``, ``responsible_unit_text``): when the working group's check makes a change to a person or a unit
live (or it is unpublished), the pages naming it are indexed again, so that search shows what the pages show."""

from django.apps import apps

from wagtail.search import index
from wagtail.signals import published, unpublished


def pages_naming(obj) -> list:
    """The pages whose search text includes ``obj`` (a person or an organisation unit)."""
    from core.models import ClassifiedPageMixin, OrganisationUnit
    from disclosure.models import ExecutivesPage, OrganisationStructurePage, Person, UnitHeadsPage

    if isinstance(obj, Person):
        return list(ExecutivesPage.objects.filter(executives__person=obj).distinct()) + list(
            UnitHeadsPage.objects.filter(unit_heads__person=obj).distinct()
        )
    if isinstance(obj, OrganisationUnit):
        pages = list(UnitHeadsPage.objects.filter(unit_heads__unit=obj).distinct())
        # A structure page shows its root unit's whole tree: every structure page of the unit's agency.
        site = obj.site
        if site is not None:
            pages += list(OrganisationStructurePage.objects.descendant_of(site.root_page))
        for model in apps.get_models():
            if issubclass(model, ClassifiedPageMixin):
                pages += list(model.objects.filter(responsible_unit=obj))
        return pages
    return []


def _reindex_pages_naming(sender, instance, **kwargs):
    for page in pages_naming(instance):
        index.insert_or_update_object(page)


def register_signal_handlers():
    published.connect(_reindex_pages_naming, dispatch_uid="disclosure_reindex_on_published")
    unpublished.connect(_reindex_pages_naming, dispatch_uid="disclosure_reindex_on_unpublished")
