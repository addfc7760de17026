from django.core.exceptions import PermissionDenied

from oversight.selectors import sites_for_oversight


def requested_site(request):
    """The agencies the user oversees and the one asked for (``?site=``; the first by default). An editor, or a user
    asking for another agency, is refused (403)."""
    sites = sites_for_oversight(request.user)
    if not sites:
        raise PermissionDenied
    wanted = request.GET.get("site")
    site = next((s for s in sites if str(s.pk) == wanted), None)
    if site is None:
        if wanted:
            raise PermissionDenied
        site = sites[0]
    return sites, site
