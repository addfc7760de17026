from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = "การกำกับติดตาม (ITA)"

    def ready(self):
        from core.page_cache_triggers import page_listeners, track_reference
        from oversight.models import ItaFramework, ItaItem

        page_listeners.append(_evidence_keys)
        track_reference(ItaFramework)
        track_reference(ItaItem)


def _evidence_keys(page, site_id) -> set:
    """The ITA evidence page lists every live, public page tagged with an item: one published (or moved) with a tag
    may join it. A page it already listed is one of its dependencies anyway."""
    from oversight.models import PageItaItem

    return {f"ita:{site_id}"} if PageItaItem.objects.filter(page_id=page.pk).exists() else set()
