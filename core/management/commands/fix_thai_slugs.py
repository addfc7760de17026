from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.log_actions import log
from wagtail.models import Page, Revision

from core.slugs import slug_is_misspelt, thai_slugify


class Command(BaseCommand):
    help = (
        "List pages whose slug lost its Thai vowels and tone marks (made by the old slug rules), and with --fix "
        "spell them right; Wagtail's redirects app then sends the old addresses (of the page and of every page "
        "under it) to the new ones."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="correct the slugs (without it, only list them)")

    def handle(self, *args, fix, **options):
        found = 0
        for page in Page.objects.filter(depth__gt=1).order_by("path"):
            if not slug_is_misspelt(page.slug, page.title):
                continue
            found += 1
            right = _available(page, thai_slugify(page.title))
            self.stdout.write(f"{page.pk}\t{page.url_path}\t{page.slug} -> {right}")
            if fix:
                _slug_fix(page, right)
        verb = "corrected" if fix else "found"
        self.stdout.write(f"{found} misspelt slug(s) {verb}.")


def _available(page: Page, slug: str) -> str:
    candidate, n = slug, 1
    while not Page._slug_is_available(candidate, page.get_parent(), page):
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


@transaction.atomic
def _slug_fix(page: Page, slug: str) -> None:
    """Change the slug on the page row (its URL path and its descendants' follow, and Wagtail's
    ``page_slug_changed`` makes the redirects) and in its latest and live revisions, so that the next edit or
    publication keeps it. Not a content change: no new revision, nothing goes through the workflow again."""
    page = page.specific
    old = page.slug
    page.slug = slug
    page.save(clean=False, update_fields=["slug", "url_path"])
    ids = {page.latest_revision_id, page.live_revision_id} - {None}
    for revision in Revision.objects.filter(pk__in=ids):
        revision.content["slug"] = slug
        revision.save(update_fields=["content"])
    log(instance=page, action="prongsai.slug_fixed", data={"old_slug": old, "new_slug": slug})
