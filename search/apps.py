from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "การค้นหา"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from wagtail.documents import get_document_model
        from wagtail.models import Collection, PageViewRestriction
        from wagtail.signals import post_page_move

        from core.models import AgencyDataMixin

        post_save.connect(_page_saved, dispatch_uid="search_page_text_page_saved")
        post_delete.connect(_page_deleted, dispatch_uid="search_facets_page_deleted")
        post_page_move.connect(_facets_changed, dispatch_uid="search_facets_page_moved")
        for signal in (post_save, post_delete):
            signal.connect(_facets_changed, sender=get_document_model(), dispatch_uid=f"search_facets_doc_{id(signal)}")
            uid = f"search_facets_restriction_{id(signal)}"
            signal.connect(_facets_changed, sender=PageViewRestriction, dispatch_uid=uid)
        for signal in (post_save, post_delete):
            signal.connect(_collection_changed, sender=Collection, dispatch_uid=f"search_collections_{id(signal)}")
        related = [get_document_model(), apps.get_model("disclosure", "OfficialInfoCategory")]
        related += [model for model in apps.get_models() if issubclass(model, AgencyDataMixin)]
        for model in related:
            for signal in (post_save, post_delete):
                uid = f"search_page_text_{id(signal)}_{model._meta.label}"
                signal.connect(_related_changed, sender=model, dispatch_uid=uid)


def _page_saved(sender, instance, **kwargs):
    """A page's text for result snippets (``search.selectors.page_descriptions``) is read again after it is saved."""
    from django.core.cache import cache
    from django.db import transaction

    from wagtail.models import Page

    from core import shared_cache
    from search.selectors import PAGE_TEXT_GENERATION, page_text_key

    if not isinstance(instance, Page):
        return
    _facets_changed(sender)

    def drop():
        cache.delete(f"{page_text_key(instance.pk)}:{shared_cache.generation(PAGE_TEXT_GENERATION)}")

    drop()
    transaction.on_commit(drop)


def _related_changed(sender, **kwargs):
    """People, units, documents and categories appear in many pages' texts: every page's text is read again."""
    from core import shared_cache
    from search.selectors import PAGE_TEXT_GENERATION

    shared_cache.bump(PAGE_TEXT_GENERATION)


def _collection_changed(sender, **kwargs):
    """The documents of an agency are those of its collection and the collections under it."""
    from core import shared_cache

    shared_cache.bump("collections")


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        _facets_changed(sender)


def _facets_changed(sender, **kwargs):
    """The search form's sections and fiscal years (``search.selectors.search_categories``, ``search_fiscal_years``)
    are read again."""
    from core import shared_cache
    from search.selectors import FACETS_GENERATION

    shared_cache.bump(FACETS_GENERATION)
