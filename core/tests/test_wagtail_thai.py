"""Wagtail's system screens in Thai (``core/wagtail_thai.py``): permission names, the group editor's
permission tables, the sites listing, the workflow editor and the users listing, as a superuser sees them."""

from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal
from django.test import Client
from django.utils import translation

from wagtail.models import Workflow

import pytest

from tests.admin_crawl import visible_english


@pytest.fixture
def root_client(django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.go.th", "x-secret-123456")
    client = Client()
    client.force_login(root)
    return client


def test_every_permission_is_named_in_thai_after_migrate(db):
    names = dict(Permission.objects.values_list("codename", "name"))
    assert names["add_group"] == "เพิ่มกลุ่ม"
    assert names["change_user"] == "แก้ไขผู้ใช้"
    assert names["publish_page"] == "เผยแพร่หน้าใดก็ได้"
    assert names["access_admin"] == "เข้าใช้ระบบจัดการเว็บไซต์"
    # Wagtail's draft and lock permissions and the project's own models, by their Thai verbose names.
    assert names["publish_person"] == "เผยแพร่บุคคล"
    assert names["choose_image"] == "เลือกรูปภาพ"
    english = Permission.objects.filter(name__regex=r"^(Can |[A-Z][a-z]+ )")
    assert not english.exists(), list(english.values_list("name", flat=True))


def test_a_new_permission_gets_its_thai_name_on_the_next_migrate(db):
    """Django names the permissions of a model added later in English (``Can add …``), and Wagtail its snippets'
    publish and lock permissions: the post_migrate that follows names them in Thai."""
    Permission.objects.filter(codename="add_group").update(name="Can add group")
    Permission.objects.filter(codename="publish_person").update(name="Can publish person")
    Permission.objects.filter(codename="publish_page").update(name="Publish any page")
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    names = dict(Permission.objects.values_list("codename", "name"))
    assert names["add_group"] == "เพิ่มกลุ่ม"
    assert names["publish_person"] == "เผยแพร่บุคคล"
    assert names["publish_page"] == "เผยแพร่หน้าใดก็ได้"


def test_group_editor_shows_permissions_in_thai(db, root_client):
    group = Group.objects.create(name="คณะทำงานทดสอบ")
    html = root_client.get(f"/admin/groups/edit/{group.pk}/").content.decode()
    assert "เพิ่มกลุ่ม" in html
    assert "เพิ่มและแก้ไขภาพของตนเอง" in html  # image permissions, labelled after Wagtail imported its forms
    assert "ล็อกและปลดล็อกหน้าที่ตนล็อกไว้" in html
    assert visible_english(html) == []
    # The same screen for someone who chose English in their account: Wagtail's labels follow their language.
    with translation.override("en"):
        from wagtail.images.forms import GroupImagePermissionFormSet

        assert str(GroupImagePermissionFormSet.permission_types[0][2]) == "Add/edit images you own"


def test_sites_listing_and_new_site_form_in_thai(agency_site, root_client):
    html = root_client.get("/admin/sites/").content.decode()
    assert "พอร์ต" in html and "ชื่อเว็บไซต์" in html
    assert visible_english(html) == []
    assert visible_english(root_client.get("/admin/sites/new/").content.decode()) == []


def test_workflow_editor_in_thai(db, root_client):
    workflow = Workflow.objects.create(name="ขั้นตอนทดสอบ", active=True)
    html = root_client.get(f"/admin/workflows/edit/{workflow.pk}/").content.decode()
    assert "ประเภทเนื้อหา" in html
    assert "ขั้นตอนการอนุมัติมีผลกับหน้าย่อยด้วย" in html
    assert visible_english(html) == []


def test_users_listing_says_yes_in_thai(db, root_client):
    html = root_client.get("/admin/users/").content.decode()
    assert "ใช่" in html
    assert visible_english(html) == []
