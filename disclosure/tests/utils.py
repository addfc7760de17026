"""Builders shared by the disclosure tests: an agency site, pages under its category pages, admin form data."""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from agencies.services import agency_setup
from core.models import OrganisationUnit
from disclosure.models import (
    BasicInfoIndexPage,
    LawIndexPage,
    OfficialInfoCategory,
    OfficialInfoIndexPage,
    PlanIndexPage,
)
from documents.models import LibraryDocument


def site_make():
    return agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")


def category_page(site, model):
    """The agency's category index page of ``model`` (made by ``agency_setup``)."""
    return model.objects.descendant_of(site.root_page).get()


def basic_info_index(site):
    return category_page(site, BasicInfoIndexPage)


def plan_index(site):
    return category_page(site, PlanIndexPage)


def law_index(site):
    return category_page(site, LawIndexPage)


def official_info_index(site):
    return category_page(site, OfficialInfoIndexPage)


def publish_under(parent, page):
    """Add ``page`` under ``parent`` and publish it, as an editor would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def unit_make(name="สำนักงานจังหวัดเพชรบุรี", parent=None, site=None, **fields):
    """A live unit of ``site`` (by default its parent's agency, else the default site's)."""
    site = site or (parent.site if parent else Site.objects.get(is_default_site=True))
    return OrganisationUnit.objects.create(name=name, parent=parent, site=site, **fields)


def category(code):
    return OfficialInfoCategory.objects.get(code=code)


def document_make(title="เอกสารทดสอบ", filename="test.pdf", content=b"%PDF-1.4 test", kind="other"):
    document = LibraryDocument(title=title, kind=kind, original_filename=filename, file_size=len(content))
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document


def admin_client_make(username="admin"):
    user = get_user_model().objects.create_superuser(username, f"{username}@example.com", "password-123456")
    client = Client()
    client.force_login(user)
    return user, client


def page_form_data(**fields):
    """POST data for the page editor: the shared metadata with its defaults, no documents, no comments."""
    data = {
        "slug": fields.pop("slug", None) or "page-" + timezone.now().strftime("%H%M%S%f"),
        "information_class": "on_change",
        "review_interval_days": "365",
        "published_documents": inline_formset([]),
        "ita_items": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data(data)


def date_str(value: datetime.date) -> str:
    return value.isoformat()


def admin_add_post(client, parent, model, data, publish=True):
    """POST the admin's "add page" form for ``model`` under ``parent``, publishing unless told otherwise."""
    from django.urls import reverse

    if publish:
        data = {**data, "action-publish": "action-publish"}
    url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])
    return client.post(url, data)
