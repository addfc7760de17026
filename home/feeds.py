"""Atom feeds of an agency's site: its news, and what it newly published or updated in the mandated categories
(R1.1-R1.5), all of them or one. Only live, public pages of the request's own site are listed."""

from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from wagtail.models import Page, Site

from home import selectors
from home.public_site import absolute_url, agency_for, page_description

FEED_ENTRIES = 30


@dataclass
class FeedSource:
    title: str
    subtitle: str
    link: str
    feed_url: str
    author: str
    entries: list = field(default_factory=list)


@dataclass
class FeedEntry:
    title: str
    link: str
    summary: str
    category: str
    published: object
    updated: object


def _entry(request, page: Page, category: str, agency_name: str) -> FeedEntry:
    return FeedEntry(
        title=page.title,
        link=page.get_full_url(request),
        summary=page_description(page, agency_name),
        category=category,
        published=page.first_published_at,
        updated=page.last_published_at or page.first_published_at,
    )


def _site(request) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("ไม่พบเว็บไซต์ของหน่วยงาน")
    return site


class AgencyFeed(Feed):
    """Atom 1.0; ``get_object`` builds a ``FeedSource`` holding everything, so each entry is read once."""

    feed_type = Atom1Feed

    def title(self, source):
        return source.title

    def subtitle(self, source):
        return source.subtitle

    def link(self, source):
        return source.link

    def feed_url(self, source):
        return source.feed_url

    def author_name(self, source):
        return source.author

    def items(self, source):
        return source.entries

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.summary

    def item_link(self, entry):
        return entry.link

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_categories(self, entry):
        return [entry.category]

    def item_author_name(self, entry):
        return None


class NewsFeed(AgencyFeed):
    """ข่าวประชาสัมพันธ์: the agency's live, public news, newest first (as the news page lists them)."""

    def get_object(self, request):
        from home.models import NewsIndexPage, NewsPage

        site = _site(request)
        agency = agency_for(request)
        agency_name = agency.name_th if agency is not None else site.site_name
        index = NewsIndexPage.objects.child_of(site.root_page).live().public().first()
        if index is None:
            raise Http404("หน่วยงานนี้ยังไม่มีหน้าข่าวประชาสัมพันธ์")
        news = (
            NewsPage.objects.live()
            .public()
            .descendant_of(index)
            .order_by("-date", "-first_published_at")[:FEED_ENTRIES]
        )
        return FeedSource(
            title=f"ข่าวประชาสัมพันธ์ | {agency_name}",
            subtitle=f"ข่าวประชาสัมพันธ์และประกาศของ{agency_name}",
            link=index.get_full_url(request),
            feed_url=absolute_url(request, reverse("feed_news")),
            author=agency_name,
            entries=[_entry(request, page, index.title, agency_name) for page in news],
        )


class UpdatesFeed(AgencyFeed):
    """ข้อมูลที่เผยแพร่ใหม่และปรับปรุง: disclosure pages and manuals (every ``DisclosurePage`` type), most recently
    published first, under the whole site or under one mandated category page (by its slug)."""

    def get_object(self, request, slug=None):
        from home.models import CATEGORY_PAGE_TYPES, _page_models

        site = _site(request)
        agency = agency_for(request)
        agency_name = agency.name_th if agency is not None else site.site_name
        categories = site.root_page.get_children().live().public().type(*_page_models(CATEGORY_PAGE_TYPES))
        if slug is None:
            scope, title, feed_url = site.root_page, f"ข้อมูลที่เผยแพร่ใหม่และปรับปรุง | {agency_name}", reverse("feed_updates")
        else:
            scope = categories.filter(slug=slug).first()
            if scope is None:
                raise Http404("ไม่พบหมวดข้อมูลนี้")
            title = f"{scope.title}: ข้อมูลที่เผยแพร่ใหม่และปรับปรุง | {agency_name}"
            feed_url = reverse("feed_category_updates", args=[slug])
        category_titles = {page.path: page.title for page in categories}
        category_path_length = len(site.root_page.path) + Page.steplen
        models = selectors.disclosure_page_models()
        pages = (
            Page.objects.live()
            .public()
            .descendant_of(scope)
            .type(*models)
            .filter(last_published_at__isnull=False)
            .order_by("-last_published_at", "-pk")
            .specific()[:FEED_ENTRIES]
            if models
            else []
        )
        entries = [
            _entry(request, page, category_titles.get(page.path[:category_path_length], ""), agency_name)
            for page in pages
        ]
        return FeedSource(
            title=title,
            subtitle=f"ข้อมูลที่{agency_name}เผยแพร่ต่อสาธารณะ ทั้งที่เผยแพร่ใหม่และที่ปรับปรุง",
            link=scope.get_full_url(request),
            feed_url=absolute_url(request, feed_url),
            author=agency_name,
            entries=entries,
        )
