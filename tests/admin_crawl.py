"""Walks Wagtail's admin as one user: the sidebar's menu items, then from each screen its listing, add, edit, inspect,
history, usage and workflow links (one example of each URL shape), and reports server errors and visible English.

Used by ``tests/test_admin_smoke.py``; kept apart so that a developer can run the same walk from a shell."""

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment

# Words that are data or names rather than interface text: product and unit names, codes, file types.
ALLOWED_WORDS = {
    # The product and the demo agency's names and data.
    "prongsai",
    "phetchaburi",
    "province",
    "town",
    "municipality",
    "localhost",
    "testserver",
    "example",
    "admin",
    "root",
    "editor",
    "reviewer",
    "webadmin",
    "executive",
    # Codes, formats and standards that Thai officials write in Latin letters.
    "ita",
    "oit",
    "itas",  # the NACC's ITA system, where agencies answer the assessment
    "pdf",
    "csv",
    "xlsx",
    "xls",
    "tsv",
    "doc",
    "docx",
    "odt",
    "ods",
    "zip",
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "svg",
    "avif",
    "heic",
    "url",
    "html",
    "utf",
    "tis",
    "rss",
    "seo",
    "e-service",
    "service",
    "email",
    "e-mail",
    "gmt",
    "utc",
    "asia",
    "bangkok",
    "wagtail",
    "draftail",
    "api",
    "http",
    "https",
    "www",
    "com",
    # Keyboard keys in the shortcuts dialog.
    "ctrl",
    "alt",
    "shift",
    "esc",
    "cmd",
    # The smoke test's usernames.
    "working",
    "group",
    "administrator",
    "superuser",
    # Demo data: a procurement notice "(e-bidding)".
    "e-bidding",
    # ITA items' own names (OIT 2566: "No Gift Policy", "Social Network").
    "gift",
    "policy",
    "social",
    "network",
}

ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "data-w-tooltip-content-value")
IGNORED_TAGS = ("script", "style", "noscript", "svg", "code", "pre")
# A Latin word of three letters or more, not part of an identifier or code (``working_group``, ``home.newspage``, a
# generated file name that mixes letters and digits).
WORD = re.compile(r"(?<![A-Za-z0-9_.])[A-Za-z][A-Za-z\-]{2,}(?![A-Za-z0-9_]|\.[A-Za-z])")
# URL shapes followed from a screen, as (name, regex on the path).
FOLLOWED = [
    # Wagtail's own model viewsets (users, groups, sites) add at ``/new/``; a workflow task starts from its type.
    ("add", re.compile(r"/(add|create|new|select_type)/")),
    ("import", re.compile(r"/import/$")),
    ("edit", re.compile(r"/edit/\d+/$|/\d+/edit/$|/\d+/$")),
    ("inspect", re.compile(r"/inspect/")),
    ("history", re.compile(r"/history/")),
    ("usage", re.compile(r"/usage/")),
    ("workflow_history", re.compile(r"/workflow_history/")),
    ("revisions", re.compile(r"/revisions/")),
    ("children", re.compile(r"^/admin/pages/\d+/$")),
]
# Never followed: they change data, log out or stream files.
NOT_FOLLOWED = re.compile(
    r"/logout/|/delete/|/unpublish/|/copy/|/move/|/lock/|/unlock/|/export|\.csv|\.xlsx|\.pdf|/preview|/serve|"
    r"/authenticate_with_password/|/workflow/(action|cancel|collect)|/convert_alias/|/set_privacy/|/revert/|"
    r"/compare/|/disable/|/enable/|/reorder|/bulk/|/still-current/|/chooser/|/multiple/|/password/|/record/"
)


def visible_english(html: str) -> list[str]:
    """The ASCII words of three letters or more that a user can read on ``html`` (text and common attributes),
    minus the allowed words."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(IGNORED_TAGS):
        tag.decompose()
    for tag in soup.find_all(attrs={"hidden": True}):
        tag.decompose()
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    texts = [str(text) for text in soup.find_all(string=True)]
    for tag in soup.find_all(True):
        texts.extend(str(tag[name]) for name in ATTRIBUTES if tag.has_attr(name))
        if tag.name == "input" and tag.get("type") in ("submit", "button") and tag.has_attr("value"):
            texts.append(str(tag["value"]))
    found = []
    for text in texts:
        # URLs, e-mail addresses, paths and comma-separated column names (``code,name,description``) are data.
        text = re.sub(r"https?://\S+|\S+@\S+|/[\w/\-.?=&%]*|[a-z_]+(,[a-z_]+)+", " ", text)
        words = [word for word in WORD.findall(text) if word.lower().strip("-") not in ALLOWED_WORDS]
        if words:
            found.append(" ".join(text.split()))
    return found


def sidebar_urls(html: str) -> list[str]:
    """Every admin URL of the sidebar's menu (its props are JSON in ``#wagtail-sidebar-props``)."""
    soup = BeautifulSoup(html, "html.parser")
    script = soup.find("script", id="wagtail-sidebar-props")
    if script is None:
        return []
    urls = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "url" and isinstance(value, str) and value.startswith("/admin/"):
                    urls.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(script.string))
    return urls


def shape(url: str) -> str:
    """One visit per URL shape: the path without its query, ids as ``N``, one page type for all."""
    path = re.sub(r"\d+", "N", urlsplit(url).path)
    return re.sub(r"^/admin/pages/(usage|create|add)/\w+/\w+(/|$)", r"/admin/pages/\1/T/", path)


@dataclass
class Crawl:
    """The result of one user's walk: visited URLs, server errors and English strings by URL."""

    visited: list[str] = field(default_factory=list)
    errors: list[tuple[str, int]] = field(default_factory=list)
    english: dict[str, list[str]] = field(default_factory=dict)


def admin_crawl(client, start_urls=("/admin/",), limit=150) -> Crawl:
    """Visit ``start_urls`` (each of them), the sidebar's menu items, and from each screen one example of each
    followed URL shape, at most ``limit`` URLs. Modal views answering JSON (choosers) are checked on their HTML."""
    crawl = Crawl()
    seen_shapes = set()
    queue = [(url, 0) for url in start_urls]
    while queue and len(crawl.visited) < limit:
        url, depth = queue.pop(0)
        path = urlsplit(url).path
        if depth and shape(url) in seen_shapes:
            continue
        seen_shapes.add(shape(url))
        response = client.get(url, follow=False)
        crawl.visited.append(url)
        if response.status_code >= 500:
            crawl.errors.append((url, response.status_code))
            continue
        content_type = response.get("Content-Type", "")
        if response.status_code != 200:
            continue
        if "application/json" in content_type:
            html = json.loads(response.content).get("html") or ""
        elif "text/html" in content_type:
            html = response.content.decode()
        else:
            continue
        english = visible_english(html)
        if english:
            crawl.english[url] = english
        if depth == 0 and path == "/admin/":
            queue.extend((menu_url, 1) for menu_url in sidebar_urls(html))
        if depth >= 3:
            continue
        soup = BeautifulSoup(html, "html.parser")
        for link in soup.find_all("a", href=True):
            href = link["href"].split("#")[0]
            link_path = urlsplit(href).path
            if not link_path.startswith("/admin/") or NOT_FOLLOWED.search(href):
                continue
            if any(pattern.search(link_path) for _, pattern in FOLLOWED) and shape(href) not in seen_shapes:
                queue.append((href, depth + 1))
    return crawl
