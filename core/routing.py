"""Routing a public request below an agency's home page in two queries, whatever the page's depth.

Wagtail walks the tree one level at a time (a query for each child and one to make it specific: five queries for a
page two levels below the home page). Every page's ``url_path`` is its parent's plus its slug, so the pages on the
way are found together by their slugs and paths, checked to form one chain, and only the last one is made specific.
Each page on the way is kept as its child's parent (``_cached_parent_obj``): breadcrumbs read them without a query.
None of the project's page types routes below itself (no ``RoutablePageMixin``); one that did would need Wagtail's
own ``route``."""

from django.http import Http404

from wagtail.models import Page


def route_below(home, path_components) -> Page:
    """The specific page at ``path_components`` below ``home`` (live or not), or Http404."""
    prefixes = []
    url_path = home.url_path
    for component in path_components:
        url_path += component + "/"
        prefixes.append(url_path)
    chain = {
        page.url_path: page
        for page in Page.objects.filter(
            slug__in=set(path_components),
            url_path__in=prefixes,
            path__startswith=home.path,
            depth__gt=home.depth,
            depth__lte=home.depth + len(prefixes),
        )
    }
    parent = home
    for depth, prefix in enumerate(prefixes, start=home.depth + 1):
        node = chain.get(prefix)
        if node is None or node.depth != depth or not node.path.startswith(parent.path):
            raise Http404
        node._cached_parent_obj = parent
        parent = node
    page = parent.specific
    page._cached_parent_obj = parent._cached_parent_obj
    return page
