"""Thai slugs are spelt right on the server, in the admin form and in the editor's browser."""

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.utils.text import slugify

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

import pytest

from core.slugs import slug_is_misspelt, thai_slugify, validate_thai_slug
from home.models import StandardPage

TITLE = "การขออนุญาตจัดงานเทศกาลประจำปี"
MISSPELT = "การขออนญาตจดงานเทศกาลประจำป"  # Wagtail's slug field in the browser
DJANGO_MISSPELT = "การขออนญาตจดงานเทศกาลประจาป"  # Django's slugify: NFKC splits ำ, then drops its mark


def test_thai_slugify_keeps_vowels_and_tone_marks():
    assert slugify(TITLE, allow_unicode=True) == DJANGO_MISSPELT  # Django's rule, which this fixes
    assert thai_slugify(TITLE) == TITLE
    assert thai_slugify("  คู่มือ สำหรับ/ประชาชน ๒๕๖๘ (ฉบับที่ 2) ") == "คู่มือ-สำหรับประชาชน-๒๕๖๘-ฉบับที่-2"
    assert thai_slugify("Citizen's Manual — 2568") == "citizens-manual-2568"


def test_validator_accepts_a_right_thai_slug_and_refuses_spaces_and_slashes():
    validate_thai_slug(TITLE)
    validate_thai_slug("e-service_2568")
    for bad in ("มี ช่องว่าง", "a/b", "ข้อมูล?"):
        with pytest.raises(ValidationError) as error:
            validate_thai_slug(bad)
        assert "ห้ามมีช่องว่าง" in error.value.messages[0]


def test_misspelt_slugs_are_recognised():
    assert slug_is_misspelt(MISSPELT, TITLE)
    assert slug_is_misspelt(MISSPELT + "-2", TITLE)
    assert slug_is_misspelt(DJANGO_MISSPELT, TITLE)
    assert not slug_is_misspelt(TITLE, TITLE)
    assert not slug_is_misspelt("festival-permit", TITLE)
    assert not slug_is_misspelt("news", "ข่าว")


def test_pages_made_by_code_get_the_right_slug(agency_site):
    home = agency_site.root_page
    page = home.add_child(instance=StandardPage(title=TITLE, body="<p>ข้อความ</p>"))
    assert page.slug == TITLE
    twin = home.add_child(instance=StandardPage(title=TITLE, body="<p>ข้อความ</p>"))
    assert twin.slug == f"{TITLE}-2"
    assert Client().get(page.url).status_code in (200, 404)  # routable (404 only because it is a draft)


def test_the_admin_form_accepts_a_hand_typed_thai_slug(agency_site, admin_client):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    home = agency_site.root_page

    def form(slug):
        return nested_form_data(
            {
                "title": "ประกาศ",
                "slug": slug,
                "intro": "",
                "body": rich_text("<p>ข้อความ</p>"),
                "information_class": "on_change",
                "review_interval_days": "365",
                "published_documents": inline_formset([]),
                "ita_items": inline_formset([]),
            }
        )

    response = admin_client.post(f"/admin/pages/add/home/standardpage/{home.pk}/", form("ประกาศรับสมัครงาน"))
    page = StandardPage.objects.get(title="ประกาศ")
    assert response.status_code == 302
    assert page.slug == "ประกาศรับสมัครงาน"
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", form("มี ช่องว่าง"))
    assert response.status_code == 200
    assert "ห้ามมีช่องว่าง" in response.content.decode()
    page.refresh_from_db()
    assert page.slug == "ประกาศรับสมัครงาน"


def test_fix_command_respells_slugs_and_leaves_redirects(agency_site, django_capture_on_commit_callbacks):
    home = agency_site.root_page
    page = home.add_child(instance=StandardPage(title=TITLE, slug=MISSPELT, body="<p>ข้อความ</p>"))
    page.save_revision().publish()
    child = page.add_child(instance=StandardPage(title="ภาคผนวก", slug="annex", body="<p>ภาคผนวก</p>"))
    child.save_revision().publish()
    old_url, old_child_url = page.url, child.url

    listed = _call("fix_thai_slugs")
    assert f"{MISSPELT} -> {TITLE}" in listed and "1 misspelt slug(s) found." in listed
    assert Page.objects.get(pk=page.pk).slug == MISSPELT  # listing changes nothing

    with django_capture_on_commit_callbacks(execute=True):  # Wagtail makes the redirects once committed
        fixed = _call("fix_thai_slugs", "--fix")
    assert "1 misspelt slug(s) corrected." in fixed
    page = Page.objects.get(pk=page.pk).specific
    assert page.slug == TITLE and page.get_latest_revision().content["slug"] == TITLE
    client = Client()
    assert client.get(page.url).status_code == 200
    assert TITLE in client.get(page.url).content.decode()
    for old, target in ((old_url, page), (old_child_url, child)):
        response = client.get(old)
        assert response.status_code in (301, 302)
        assert response["Location"].endswith(Page.objects.get(pk=target.pk).url)
    assert Redirect.objects.count() >= 2
    assert "0 misspelt slug(s) found." in _call("fix_thai_slugs")


def _call(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()
