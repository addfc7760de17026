"""What a public page says about itself besides its content: its canonical URL, a description, what a link shared in
LINE or Facebook shows (Open Graph and card tags), its feeds, and the URL with a QR code printed at its foot."""

import html
import re
from dataclasses import dataclass
from urllib.parse import unquote

from django.contrib.contenttypes.models import ContentType
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.models import Page, Site

from core.models import AgencySettings, DisclosurePage
from core.qr import qr_svg

DESCRIPTION_CHARS = 200
# Where a page keeps its short description, first found wins (rich text is stripped of its tags).
DESCRIPTION_FIELDS = ("search_description", "summary", "intro")
DEFAULT_SHARE_IMAGE = "img/share-default.png"
SHARE_IMAGE_SIZE = (1200, 630)
SHARE_IMAGE_SPEC = "fill-1200x630"


def agency_for(request) -> AgencySettings | None:
    """The request's agency (read once per request, as the templates' ``settings.core.AgencySettings``)."""
    try:
        return AgencySettings.for_request(request)
    except (AttributeError, AgencySettings.DoesNotExist):  # no site answers the request's host
        return None


def plain_text(value, limit: int = DESCRIPTION_CHARS) -> str:
    """``value`` (plain or rich text) as one line of plain text, cut at ``limit`` characters."""
    text = html.unescape(strip_tags(str(value or "")))
    return Truncator(re.sub(r"\s+", " ", text).strip()).chars(limit)


def page_description(page: Page, agency_name: str = "") -> str:
    """The page's own short description (its search description, summary or introduction), or a sentence naming the
    page and the agency when it has none."""
    page = getattr(page, "specific_deferred", page)
    for name in DESCRIPTION_FIELDS:
        text = plain_text(getattr(page, name, ""))
        if text:
            return text
    return f"{page.title} เผยแพร่โดย{agency_name}" if agency_name else page.title


@dataclass
class FeedLink:
    title: str
    url: str


def _category_ids() -> dict[int, str]:
    """Content type id -> label of the mandated category page types (R1.1-R1.5) and the news index."""
    from django.apps import apps

    from home.models import CATEGORY_PAGE_TYPES, NewsIndexPage

    models = [apps.get_model(label) for label in CATEGORY_PAGE_TYPES]
    types = ContentType.objects.get_for_models(*models, NewsIndexPage)
    return {types[model].pk: ("news" if model is NewsIndexPage else "category") for model in types}


def feed_links(request, page: Page | None, chrome_pages, agency_name: str) -> list[FeedLink]:
    """The feeds a page announces (``rel="alternate"``): the agency's news, its disclosures' updates, and the updates
    of the mandated category the page is in. ``chrome_pages`` are the home page's live public children, already read
    for the menu: no query of its own."""
    suffix = f" | {agency_name}" if agency_name else ""
    kinds = _category_ids()
    links = []
    if any(kinds.get(child.content_type_id) == "news" for child in chrome_pages):
        links.append(FeedLink("ข่าวประชาสัมพันธ์" + suffix, reverse("feed_news")))
    links.append(FeedLink("ข้อมูลที่เผยแพร่ใหม่และปรับปรุง" + suffix, reverse("feed_updates")))
    if page is not None:
        for child in chrome_pages:
            if kinds.get(child.content_type_id) == "category" and page.path.startswith(child.path):
                links.append(
                    FeedLink(
                        f"{child.title}: ข้อมูลที่เผยแพร่ใหม่และปรับปรุง{suffix}",
                        reverse("feed_category_updates", args=[child.slug]),
                    )
                )
    return links


def absolute_url(request, path: str) -> str:
    """``path`` on the request's site as its settings name it (as page URLs are), else on the request's host."""
    site = Site.find_for_request(request)
    return site.root_url + path if site is not None else request.build_absolute_uri(path)


def share_image(request, agency: AgencySettings | None) -> dict:
    """The image a shared link shows: the agency's own (cropped to 1200 x 630) or the site's default."""
    image = agency.share_image if agency is not None and agency.share_image_id else None
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE_SPEC)
        return {
            "url": rendition.url if "://" in rendition.url else absolute_url(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "type": rendition.file.name.rsplit(".", 1)[-1].lower().replace("jpg", "jpeg"),
        }
    return {
        "url": absolute_url(request, static(DEFAULT_SHARE_IMAGE)),
        "width": SHARE_IMAGE_SIZE[0],
        "height": SHARE_IMAGE_SIZE[1],
        "type": "png",
    }


def head_meta(request, page: Page | None, chrome_pages, title: str = "") -> dict:
    """Everything ``components/head_meta.html`` prints for ``page`` (or for a view that is not a page, such as the
    search, with ``title``)."""
    agency = agency_for(request)
    agency_name = agency.name_th if agency is not None else ""
    if page is not None:
        canonical = page.get_full_url(request) or request.build_absolute_uri(request.path)
        is_home = page.depth <= 2
        title = agency_name if is_home and agency_name else (page.seo_title or page.title)
        description = page_description(page, agency_name)
        kind = "article" if page.specific_class.__name__ == "NewsPage" else "website"
    else:
        canonical = absolute_url(request, request.path)
        title = title or agency_name
        description = f"เว็บไซต์{agency_name}" if agency_name else ""
        kind = "website"
    return {
        "canonical": canonical,
        "title": title,
        "description": description,
        "kind": kind,
        "site_name": agency_name,
        "image": share_image(request, agency),
        "image_alt": agency_name,
        "feeds": feed_links(request, page, chrome_pages, agency_name),
        "published": page.first_published_at if kind == "article" else None,
        "modified": page.last_published_at if kind == "article" else None,
    }


def print_reference(request, page: Page | None) -> dict:
    """For a disclosure page or a manual: its URL, readable and as a QR code, printed at the foot of the page."""
    if not isinstance(page, DisclosurePage):
        return {}
    url = page.get_full_url(request)
    if not url:
        return {}
    agency = agency_for(request)
    return {
        "url": url,
        "readable_url": unquote(url),
        "qr": qr_svg(url, f"คิวอาร์โค้ดของหน้า {page.title}"),
        "agency_name": agency.name_th if agency is not None else "",
    }
