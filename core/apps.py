from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        _spell_thai_slugs_right()
        _buddhist_era_dates()
        _snippet_chooser_texts_translated_when_shown()
        _page_cache()
        _wagtail_screens_in_thai()


def _wagtail_screens_in_thai():
    """Permission names, labels and columns of Wagtail's system screens in Thai (``core.wagtail_thai``)."""
    from core import wagtail_thai

    wagtail_thai.install()


def _page_cache():
    """The page cache's triggers, its front-cache purge, and the shared cache's view restrictions."""
    from core import page_cache, page_cache_triggers, site_data

    site_data.install()
    page_cache_triggers.register()
    page_cache.page_cache_purged.connect(page_cache.front_cache_purge, dispatch_uid="page_cache_front_cache")


def _spell_thai_slugs_right():
    """Django's and Wagtail's unicode slugs drop Thai vowels and tone marks (``core.slugs``): page slugs made from a
    title (by the admin form, by code, by import) and the slugs editors type are checked and made with the Thai
    rules instead. Django's unicode slug validator is replaced where it is looked up (new form fields) and on the
    page model's slug field, which was built before this runs."""
    from django.core import validators

    import wagtail.models.pages as wagtail_pages
    from wagtail.models import Page

    from core.slugs import thai_slugify, validate_thai_slug

    validators.validate_unicode_slug = validate_thai_slug
    field = Page._meta.get_field("slug")
    field.default_validators = [validate_thai_slug]
    field.__dict__.pop("validators", None)

    django_slugify = wagtail_pages.slugify

    def slugify(value, allow_unicode=False):
        return thai_slugify(value) if allow_unicode else django_slugify(value)

    wagtail_pages.slugify = slugify


def _buddhist_era_dates():
    """Dates displayed with Django's named formats show the Buddhist-era year in Thai (``core.be_dates``)."""
    from core.be_dates import install

    install()


def _snippet_chooser_texts_translated_when_shown():
    """Wagtail builds one snippet chooser widget per snippet model and caches it for the life of the process
    (``SnippetChooserViewSet.widget_class``), with its "Choose …" texts translated in whatever language was active
    then (English inside a management command or for a user who chose English). Translate them when rendered."""
    from django.utils.functional import lazy
    from django.utils.translation import gettext

    from wagtail.snippets.widgets import AdminSnippetChooser

    def text(msgid, name):
        return gettext(msgid) % {"object": name}

    lazy_text = lazy(text, str)
    wagtail_init = AdminSnippetChooser.__init__

    def __init__(self, model, **kwargs):
        wagtail_init(self, model, **kwargs)
        name = model._meta.verbose_name
        self.choose_one_text = lazy_text("Choose %(object)s", name)
        self.choose_another_text = lazy_text("Choose another %(object)s", name)
        self.link_to_chosen_text = lazy_text("Edit this %(object)s", name)

    AdminSnippetChooser.__init__ = __init__
