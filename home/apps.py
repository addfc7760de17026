from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        from core.page_cache_triggers import page_listeners

        page_listeners.append(_latest_keys)


def _latest_keys(page, site_id) -> set:
    """The home page's urgent notices, latest news and latest updates may gain, lose or reorder a news item or a
    disclosure page that is published, unpublished, moved or deleted (``HomePage.get_context``)."""
    from core.models import DisclosurePage
    from home.models import NewsPage

    model = page.specific_class
    return {f"latest:{site_id}"} if model is not None and issubclass(model, (NewsPage, DisclosurePage)) else set()
