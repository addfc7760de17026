"""No unchecked change to a public file: citizens download the same bytes until the working group has
checked a change. On the local disk and on an S3-compatible server over real HTTP."""

import hashlib
import re

from django.contrib.auth import get_user_model
from django.urls import reverse

import pytest
import requests

from core.models import AgencySettings, PageDocument
from documents.forms import LOCKED_REFUSED
from documents.generate import document_create
from documents.models import LibraryDocument
from documents.tests import samples
from oversight.models import ItaFramework
from publishing.tests.utils import admin_approve, client_for, manual_draft, reload, submit, team_make, wg_approve

pytestmark = pytest.mark.django_db

OLD_TEXT = "แบบคำขออนุญาตก่อสร้างอาคาร ฉบับปี 2566"
NEW_TEXT = "แบบคำขออนุญาตก่อสร้างอาคาร ฉบับปรับปรุงปี 2568"


@pytest.fixture
def team(agency_site):
    return team_make(agency_site)


@pytest.fixture
def collection(agency_site):
    return AgencySettings.for_site(agency_site).collection


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _download(client, url) -> tuple[int, bytes]:
    """What an anonymous citizen gets from a document URL: a stream (local disk) or a presigned redirect (S3)."""
    response = client.get(url)
    if response.status_code == 302:
        fetched = requests.get(response["Location"], timeout=5)
        return fetched.status_code, fetched.content
    if response.status_code == 200:
        return 200, b"".join(response.streaming_content)
    return response.status_code, b""


def _through_the_workflow(page, team):
    """The editor's submission, the working group's check and the administrator's approval (which publishes)."""
    submit(page, team["editor"])
    assert wg_approve(team["reviewer"], page).status_code in (200, 302)
    assert admin_approve(team["admin"], page).status_code in (200, 302)
    page = reload(page)
    assert page.live and not page.has_unpublished_changes
    return page


def _public_manual(agency_site, team, collection):
    """A live citizen's manual publishing one PDF form, checked and published through the procedure."""
    document = document_create(
        collection, "แบบคำขออนุญาตก่อสร้างอาคาร", "แบบ ข.1.pdf", samples.pdf_bytes(OLD_TEXT), "form"
    )
    page = manual_draft(agency_site, team["editor"])
    page.published_documents = [PageDocument(document=document)]
    page.save_revision(user=team["editor"])
    page = _through_the_workflow(page, team)
    document.refresh_from_db()
    assert document.is_public
    return page, document


def _edit_data(document, **overrides):
    data = {
        "title": document.title,
        "collection": document.collection_id,
        "kind": document.kind,
        "language": document.language,
        "description": document.description,
        "tags": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_editor_cannot_replace_the_file_of_a_public_pdf(client, storage, agency_site, team, collection):
    page, document = _public_manual(agency_site, team, collection)
    old_sha = _sha256(samples.pdf_bytes(OLD_TEXT))
    assert document.sha256 == old_sha
    keys_before = storage.object_keys()

    editor = client_for(team["editor"])
    form = editor.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    file_input = re.search(r'<input[^>]*name="file"[^>]*>', form).group(0)
    assert "disabled" in file_input
    assert "ให้อัปโหลดเป็นเอกสารใหม่ แล้วเลือกเอกสารใหม่ในหน้าที่เผยแพร่" in form

    # A crafted POST carrying a new file: refused in Thai, nothing stored, nothing changed.
    response = editor.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        _edit_data(document, file=samples.upload("แบบ ข.1.pdf", samples.pdf_bytes(NEW_TEXT))),
    )
    assert response.status_code == 200
    assert LOCKED_REFUSED in response.content.decode()
    document.refresh_from_db()
    assert document.sha256 == old_sha
    assert storage.object_keys() == keys_before

    # A superuser is held to the same rule: the only way to a new file is the procedure.
    superuser = get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-123456")
    response = client_for(superuser).post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        _edit_data(document, file=samples.upload("แบบ ข.1.pdf", samples.pdf_bytes(NEW_TEXT))),
    )
    assert response.status_code == 200 and LOCKED_REFUSED in response.content.decode()

    status, content = _download(client, document.url)
    assert status == 200
    assert _sha256(content) == old_sha
    assert f'href="{document.url}"' in client.get(page.url).content.decode()


def test_a_new_version_reaches_citizens_only_through_the_working_group(client, storage, agency_site, team, collection):
    page, old = _public_manual(agency_site, team, collection)
    old_sha, new_sha = _sha256(samples.pdf_bytes(OLD_TEXT)), _sha256(samples.pdf_bytes(NEW_TEXT))

    # The editor uploads the new version as a new document: private until a page that uses it goes live.
    editor = client_for(team["editor"])
    response = editor.post(
        reverse("wagtaildocs:add"),
        {
            "title": "แบบคำขออนุญาตก่อสร้างอาคาร (ฉบับปรับปรุง)",
            "file": samples.upload("แบบ ข.1 ปรับปรุง.pdf", samples.pdf_bytes(NEW_TEXT)),
            "collection": collection.pk,
            "kind": "form",
            "language": "th",
        },
    )
    assert response.status_code == 302
    new = LibraryDocument.objects.exclude(pk=old.pk).get()
    assert new.sha256 == new_sha and not new.is_public

    # The editor puts it on the page and submits; until the procedure ends citizens see the old file only.
    draft = page.get_latest_revision_as_object()
    draft.published_documents = [PageDocument(document=new)]
    draft.save_revision(user=team["editor"])
    submit(page, team["editor"])
    assert client.get(new.url).status_code == 404
    html = client.get(page.url).content.decode()
    assert f'href="{old.url}"' in html and f'href="{new.url}"' not in html
    assert wg_approve(team["reviewer"], page).status_code in (200, 302)
    assert client.get(new.url).status_code == 404, "checked but not yet published by the administrator"
    assert admin_approve(team["admin"], page).status_code in (200, 302)

    html = client.get(reload(page).url).content.decode()
    assert f'href="{new.url}"' in html and f'href="{old.url}"' not in html
    status, content = _download(client, new.url)
    assert status == 200 and _sha256(content) == new_sha
    # The old document was never changed: wherever it is still linked from, it serves its old bytes.
    status, content = _download(client, old.url)
    assert status == 404 or _sha256(content) == old_sha
    old.refresh_from_db()
    assert old.sha256 == old_sha


def test_ita_items_of_a_public_document_change_only_through_a_new_document(agency_site, team, collection):
    oit = ItaFramework.objects.get(name="OIT 2566")
    o15, o16 = oit.items.get(code="O15"), oit.items.get(code="O16")
    page = manual_draft(agency_site, team["editor"])
    document = document_create(collection, "คู่มือการขออนุญาต", "คู่มือ.pdf", samples.pdf_bytes(), "manual")
    document.ita_items.set([o15])
    page.published_documents = [PageDocument(document=document)]
    page.save_revision(user=team["editor"])
    _through_the_workflow(page, team)
    document.refresh_from_db()
    assert document.is_public

    editor = client_for(team["editor"])
    form = editor.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    select = re.search(r'<select[^>]*name="ita_items"[^>]*>', form).group(0)
    assert "disabled" in select

    # The edit view and the multiple uploader's edit form both refuse a crafted change.
    response = editor.post(reverse("wagtaildocs:edit", args=[document.pk]), _edit_data(document, ita_items=[o16.pk]))
    assert response.status_code == 200 and LOCKED_REFUSED in response.content.decode()
    data = {f"doc-{document.pk}-{key}": value for key, value in _edit_data(document, ita_items=[o16.pk]).items()}
    response = editor.post(reverse("wagtaildocs:edit_multiple", args=[document.pk]), data)
    assert response.status_code == 200 and response.json()["success"] is False
    assert LOCKED_REFUSED in response.json()["form"]
    # A crafted change of a public title is refused the same way.
    response = editor.post(reverse("wagtaildocs:edit", args=[document.pk]), _edit_data(document, title="ชื่อใหม่"))
    assert LOCKED_REFUSED in response.content.decode()
    document.refresh_from_db()
    assert list(document.ita_items.all()) == [o15]
    assert document.title == "คู่มือการขออนุญาต"

    # What a browser sends (disabled fields are not sent): saved, the public fields kept.
    response = editor.post(reverse("wagtaildocs:edit", args=[document.pk]), {"tags": "แบบฟอร์ม"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert list(document.ita_items.all()) == [o15]
    assert document.title == "คู่มือการขออนุญาต"
    assert [tag.name for tag in document.tags.all()] == ["แบบฟอร์ม"]


def test_private_documents_stay_editable(client, storage, agency_site, team, collection):
    oit = ItaFramework.objects.get(name="OIT 2566")
    document = document_create(collection, "ร่างแบบฟอร์ม", "ร่าง.pdf", samples.pdf_bytes(OLD_TEXT), "form")
    editor = client_for(team["editor"])
    response = editor.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        _edit_data(
            document,
            title="แบบฟอร์ม (แก้ไข)",
            ita_items=[oit.items.get(code="O15").pk],
            file=samples.upload("แบบ.pdf", samples.pdf_bytes(NEW_TEXT)),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    assert document.title == "แบบฟอร์ม (แก้ไข)"
    assert document.sha256 == _sha256(samples.pdf_bytes(NEW_TEXT))
    assert [item.code for item in document.ita_items.all()] == ["O15"]
    assert storage.object_keys() == [document.file.name]


def test_a_public_document_is_not_deleted_or_moved_outside_the_procedure(agency_site, team, collection):
    """Deleting a public document would take it off live pages (their document rows cascade) unchecked: refused,
    by the single view (GET and POST) and by the bulk actions, for the administrators who hold the delete
    permission; a private document is deleted as before."""
    from wagtail.models import Collection

    page, document = _public_manual(agency_site, team, collection)
    admin = client_for(team["admin"])
    url = reverse("wagtaildocs:delete", args=[document.pk])
    for response in (admin.get(url), admin.post(url)):
        assert response.status_code == 302 and response["Location"] == reverse("wagtaildocs:edit", args=[document.pk])
    assert "ลบเอกสารนี้ไม่ได้" in admin.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    bulk = f"/admin/bulk/documents/librarydocument/delete/?id={document.pk}"
    assert admin.post(bulk).status_code == 302
    other = Collection.get_first_root_node().add_child(name="อื่น ๆ")
    move = f"/admin/bulk/documents/librarydocument/add_to_collection/?id={document.pk}"
    admin.post(move, {"collection": other.pk})
    document.refresh_from_db()
    assert document.collection_id == collection.pk
    assert reload(page).published_documents.filter(document=document).exists()
    assert LibraryDocument.objects.filter(pk=document.pk, is_public=True).exists()

    draft = document_create(collection, "ร่างแบบฟอร์ม", "ร่าง.pdf", samples.pdf_bytes("ร่าง"), "form")
    assert admin.post(reverse("wagtaildocs:delete", args=[draft.pk])).status_code == 302
    assert not LibraryDocument.objects.filter(pk=draft.pk).exists()
