"""Template tags of the public pages' head (canonical URL, description, sharing tags, feeds) and print footer."""

from django import template

from home import public_site
from home.templatetags.navigation import _site_chrome

register = template.Library()


@register.inclusion_tag("components/head_meta.html", takes_context=True)
def head_meta(context, title=""):
    request = context["request"]
    page = context.get("page")
    return public_site.head_meta(request, page, _site_chrome(request)["children"], title=title)


@register.inclusion_tag("components/print_reference.html", takes_context=True)
def print_reference(context):
    return public_site.print_reference(context["request"], context.get("page"))
