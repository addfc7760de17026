"""When the page cache purges (``core.page_cache``), for what every app shares: pages, the agency's data (people,
units, details), page view restrictions and sites. Apps that list a collection add their own keys through
``page_listeners`` (home's latest updates, oversight's ITA evidence, disclosure's plan reports) and call
``purge_on_commit`` themselves for what only they know (documents' privacy).

A page's change is a save that touches more than Wagtail's bookkeeping (drafts, locks, comments) of a page that is
or was live: publish, unpublish, scheduled go-live and expiry (the scheduler publishes through Wagtail), a direct save
of a live page. Moves and deletions have their own signals. What it purges:
- ``page:<id>``: the page and every page that showed it (listings, the home page's lists, the ITA evidence page);
- on publish or unpublish, ``children:<parent id>`` (the parent's listing, which may gain, lose or reorder it) and
  the keys of ``page_listeners``;
- when its title, slug, menu flag or liveness changed: the whole site for the home page and its children (the
  navigation, the footer and every URL below), the pages below it for any other page (their breadcrumbs and URLs).
"""

from django.db.models.signals import post_delete, post_save, pre_save

from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import post_page_move

from core import shared_cache
from core.page_cache import purge_on_commit, track

BOOKKEEPING = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
        "numchild",
    }
)
# What other pages show of a page besides its own listing: the navigation, the footer, breadcrumbs and URLs.
SHALLOW = ("title", "slug", "url_path", "show_in_menus", "live")

# ``listener(page, site_id) -> set of keys`` for a page published, unpublished, moved or deleted.
page_listeners = []
# ``listener(obj, before) -> set of keys`` for an agency data row (person, unit) that changed.
data_listeners = []


def key_for(instance) -> str:
    if isinstance(instance, Page):
        return f"page:{instance.pk}"
    return f"{instance._meta.label_lower}:{instance.pk}"


def _meaningful(update_fields) -> bool:
    return update_fields is None or bool(set(update_fields) - BOOKKEEPING)


def site_of(url_path: str) -> int | None:
    """The site whose home page is ``url_path`` or an ancestor of it."""
    best = None
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path) and (best is None or len(root.root_path) > len(best.root_path)):
            best = root
    return best.site_id if best else None


def _parent_id(page) -> int | None:
    parent = getattr(page, "_cached_parent_obj", None)
    if parent is not None:
        return parent.pk
    path = page.path[: -page.steplen]
    return Page.objects.filter(path=path).values_list("pk", flat=True).first()


def _listener_keys(page, site_id) -> set:
    keys = set()
    for listener in page_listeners:
        keys |= listener(page, site_id)
    return keys


# --- pages ---------------------------------------------------------------------------------------------------------


def _page_before_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not isinstance(instance, Page) or instance._state.adding or not _meaningful(update_fields):
        return
    instance._page_cache_before = Page.objects.filter(pk=instance.pk).values(*SHALLOW, "depth").first()


def _page_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    # A raw save loads a fixture or a backup (``manage.py restore`` empties the cache itself): a row, not a change.
    if raw or not isinstance(instance, Page) or instance.depth < 2 or not _meaningful(update_fields):
        return
    before = instance.__dict__.pop("_page_cache_before", None)
    if not ((before and before["live"]) or instance.live):
        return
    url_path = before["url_path"] if before else instance.url_path
    site_id = site_of(url_path)
    keys = {key_for(instance)}
    if update_fields is None or "live" in update_fields:
        keys |= {f"children:{_parent_id(instance)}"} | _listener_keys(instance, site_id)
    shallow_changed = before is None or any(before[name] != getattr(instance, name) for name in SHALLOW)
    sites, subtrees = set(), set()
    if shallow_changed:
        if instance.depth <= 3:
            sites.add(site_id)
        elif instance.numchild:
            subtrees.add((site_id, url_path))
    if instance.depth <= 3:
        shared_cache.bump(f"site:{site_id}", *(["sites"] if instance.depth == 2 and shallow_changed else []))
    purge_on_commit(keys, sites, subtrees)


def _page_moved(sender, instance, parent_page_before, parent_page_after, url_path_before, url_path_after, **kwargs):
    site_id = site_of(url_path_before)
    new_site_id = site_of(url_path_after)
    keys = {
        key_for(instance),
        f"children:{parent_page_before.pk}",
        f"children:{parent_page_after.pk}",
    } | _listener_keys(instance, new_site_id)
    sites, subtrees = set(), set()
    if url_path_before != url_path_after:
        subtrees.add((site_id, url_path_before))
    if parent_page_before.depth <= 2 or parent_page_after.depth <= 2:
        sites |= {site_id, new_site_id}
    shared_cache.bump("restrictions", f"site:{site_id}", f"site:{new_site_id}")
    purge_on_commit(keys, sites - {None}, subtrees)


def _page_deleted(sender, instance, **kwargs):
    if not isinstance(instance, Page) or instance.depth < 2 or not instance.live:
        return
    site_id = site_of(instance.url_path)
    keys = {key_for(instance), f"children:{_parent_id(instance)}"} | _listener_keys(instance, site_id)
    sites = {site_id} if instance.depth <= 3 else set()
    shared_cache.bump(f"site:{site_id}", "restrictions")
    purge_on_commit(keys, sites, {(site_id, instance.url_path)})


# --- the agency's data ---------------------------------------------------------------------------------------------


def _data_before_save(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or instance._state.adding or not _meaningful(update_fields):
        return
    instance._page_cache_before = type(instance).objects.filter(pk=instance.pk).values().first()


def _data_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not _meaningful(update_fields):
        return
    before = instance.__dict__.pop("_page_cache_before", None)
    if _is_site_settings(instance):
        shared_cache.bump(f"site:{instance.site_id}")
        purge_on_commit(sites={instance.site_id})
        return
    if not ((before and before.get("live")) or instance.live):
        return
    keys = {key_for(instance)}
    for listener in data_listeners:
        keys |= listener(instance, before)
    purge_on_commit(keys)


def _data_deleted(sender, instance, **kwargs):
    if _is_site_settings(instance):
        shared_cache.bump(f"site:{instance.site_id}")
        purge_on_commit(sites={instance.site_id})
        return
    keys = {key_for(instance)}
    for listener in data_listeners:
        keys |= listener(instance, None)
    purge_on_commit(keys)


def _is_site_settings(instance) -> bool:
    from core.models import AgencySettings

    return isinstance(instance, AgencySettings)


# --- reference data, restrictions, sites -------------------------------------------------------------------------


def track_reference(model) -> None:
    """A small table an administrator edits (OIA categories, ITA items): a page that showed any row depends on the
    table, and any change to it purges those pages."""
    key = f"model:{model._meta.label_lower}"
    track(model, lambda instance: key)

    def changed(sender, **kwargs):
        purge_on_commit({key})

    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"page_cache_reference_save_{key}")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"page_cache_reference_delete_{key}")


def _restriction_changed(sender, instance, **kwargs):
    url_path = Page.objects.filter(pk=instance.page_id).values_list("url_path", flat=True).first()
    site_id = site_of(url_path) if url_path else None
    shared_cache.bump("restrictions")
    purge_on_commit(sites={site_id} - {None}, everything=site_id is None)


def _site_changed(sender, instance, **kwargs):
    shared_cache.bump("sites", f"site:{instance.pk}")
    purge_on_commit(everything=True)


def register():
    from django.apps import apps

    from wagtail.documents import get_document_model

    from core.models import AgencyDataMixin

    for model in [Page, *get_page_models()]:
        track(model, key_for)
    pre_save.connect(_page_before_save, dispatch_uid="page_cache_page_before_save")
    post_save.connect(_page_saved, dispatch_uid="page_cache_page_saved")
    post_delete.connect(_page_deleted, dispatch_uid="page_cache_page_deleted")
    post_page_move.connect(_page_moved, dispatch_uid="page_cache_page_moved")

    for model in apps.get_models():
        if issubclass(model, AgencyDataMixin):
            track(model, key_for)
            pre_save.connect(_data_before_save, sender=model, dispatch_uid=f"page_cache_data_before_{model}")
            post_save.connect(_data_saved, sender=model, dispatch_uid=f"page_cache_data_saved_{model}")
            post_delete.connect(_data_deleted, sender=model, dispatch_uid=f"page_cache_data_deleted_{model}")
    track(get_document_model(), key_for)

    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="page_cache_restriction_saved")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="page_cache_restriction_del")
    post_save.connect(_site_changed, sender=Site, dispatch_uid="page_cache_site_saved")
    post_delete.connect(_site_changed, sender=Site, dispatch_uid="page_cache_site_deleted")
