"""The document library end to end, on the local disk and on an S3-compatible server over real HTTP."""

import datetime
import os
import time
import urllib.parse

from django.urls import reverse
from django.utils import timezone

import pytest
import requests

from core.models import AgencySettings, PageDocument
from documents.models import DocumentDownloadDay, LibraryDocument
from documents.tests import samples
from home.models import StandardPage
from publishing.models import AgencyRole
from publishing.tests.utils import member_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(agency_site):
    return member_make(agency_site, AgencyRole.EDITORS, "editor")


@pytest.fixture
def collection(agency_site):
    return AgencySettings.for_site(agency_site).collection


def _upload(client, collection, name, content, title="แบบฟอร์มคำร้องขอข้อมูลข่าวสาร"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": samples.upload(name, content),
            "collection": collection.pk,
            "kind": "form",
            "language": "th",
        },
    )


def _page_with(agency_site, *documents, slug="forms"):
    page = StandardPage(title="แบบฟอร์มดาวน์โหลด", slug=slug, body="<p>แบบฟอร์ม</p>")
    agency_site.root_page.add_child(instance=page)
    for document in documents:
        page.published_documents.add(PageDocument(document=document))
    page.save_revision()
    return page


def test_editor_uploads_a_thai_named_pdf_which_stays_private(client, storage, editor, collection):
    client.force_login(editor)
    response = _upload(client, collection, samples.THAI_NAME, samples.pdf_bytes())
    assert response.status_code == 302, response.content.decode()[:2000]
    document = LibraryDocument.objects.get()
    assert document.original_filename == samples.THAI_NAME
    assert document.file.name.isascii() and document.file.name.startswith("documents/")
    assert document.file_size == len(samples.pdf_bytes())
    assert document.mime_type == "application/pdf"
    assert len(document.sha256) == 64 and document.file_hash
    assert "แบบฟอร์มคำร้องขอข้อมูลข่าวสารของราชการ" in document.extracted_text
    assert not document.is_public
    assert storage.object_keys() == [document.file.name]
    if storage.kind == "s3":
        stored = storage.client().head_object(Bucket=storage.bucket, Key=document.file.name)
        assert stored["ContentType"] == "application/pdf"
        assert stored["ContentDisposition"] == "inline"

    # Private: the public gets the same 404 as for a wrong id; the editor can open it.
    client.logout()
    assert client.get(document.url).status_code == 404
    assert client.get(document.url.replace(f"/{document.pk}/", f"/{document.pk + 1}/")).status_code == 404
    # Nor through the media folder on the local disk.
    assert client.get(f"/media/{document.file.name}").status_code == 404
    client.force_login(editor)
    assert client.get(document.url).status_code in (200, 302)
    assert not DocumentDownloadDay.objects.exists()

    # The editor finds it by its Thai name in the library, the chooser and the chosen link; its URL stays the key.
    assert document.url == f"/documents/{document.pk}/{document.file.name.split('/')[-1]}"
    assert samples.THAI_NAME in client.get(reverse("wagtaildocs:index")).content.decode()
    chooser = client.get(reverse("wagtaildocs_chooser:choose")).json()["html"]
    assert samples.THAI_NAME in chooser and document.file.name.split("/")[-1] not in chooser.replace(document.url, "")
    chosen = client.get(reverse("wagtaildocs_chooser:chosen", args=[document.pk])).json()["result"]
    assert (chosen["filename"], chosen["url"]) == (samples.THAI_NAME, document.url)


@pytest.mark.parametrize("case", sorted(samples.BAD))
def test_bad_uploads_are_refused_in_thai_and_leave_nothing(client, storage, editor, collection, case):
    name, content, message = samples.BAD[case]
    client.force_login(editor)
    response = _upload(client, collection, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LibraryDocument.objects.exists()
    assert storage.object_keys() == []


def test_publishing_the_page_makes_its_documents_public_and_unpublishing_private(
    client, storage, editor, agency_site, collection
):
    client.force_login(editor)
    _upload(client, collection, samples.THAI_NAME, samples.pdf_bytes())
    _upload(client, collection, "สขร1.xlsx", samples.xlsx_bytes(), title="สรุปผลการจัดซื้อจัดจ้าง")
    pdf, xlsx = LibraryDocument.objects.order_by("pk")
    client.logout()

    page = _page_with(agency_site, pdf, xlsx)
    other = _page_with(agency_site, xlsx, slug="procurement")
    assert client.get(pdf.url).status_code == 404

    page.get_latest_revision().publish()
    other.get_latest_revision().publish()
    pdf.refresh_from_db()
    assert pdf.is_public

    response = client.get(pdf.url)
    disposition = (
        f"inline; filename=\"document-{pdf.pk}.pdf\"; filename*=UTF-8''{urllib.parse.quote(samples.THAI_NAME)}"
    )
    if storage.kind == "local":
        assert response.status_code == 200
        assert response["Content-Disposition"] == disposition
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert b"".join(response.streaming_content) == samples.pdf_bytes()
    else:
        assert response.status_code == 302
        location = response["Location"]
        assert location.startswith(storage.endpoint)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)
        assert query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
        assert query["X-Amz-Expires"] == ["300"]
        fetched = requests.get(location, timeout=5)
        assert fetched.status_code == 200
        assert fetched.content == samples.pdf_bytes()
        assert fetched.headers["Content-Disposition"] == disposition
        # Without the signature the private bucket refuses.
        unsigned = requests.get(location.split("?")[0], timeout=5)
        assert unsigned.status_code == 403

    # The xlsx downloads (attachment) under its Thai name.
    response = client.get(xlsx.url)
    assert response.status_code in (200, 302)

    page.unpublish()
    pdf.refresh_from_db()
    xlsx.refresh_from_db()
    assert not pdf.is_public
    assert xlsx.is_public, "another live page still publishes it"
    assert client.get(pdf.url).status_code == 404
    other.unpublish()
    xlsx.refresh_from_db()
    assert not xlsx.is_public


def test_every_download_is_counted_per_document_per_day(client, storage, agency_site, collection):
    from documents.generate import document_create

    document = document_create(collection, "คู่มือ", "คู่มือ.pdf", samples.pdf_bytes(), "manual")
    _page_with(agency_site, document).get_latest_revision().publish()
    for _ in range(3):
        assert client.get(document.url).status_code in (200, 302)
    row = DocumentDownloadDay.objects.get(document=document)
    assert (row.day, row.count) == (timezone.localdate(), 3)


def test_storage_outage_during_upload_and_download(client, s3_storage, editor, agency_site, collection):
    storage = s3_storage
    client.force_login(editor)
    _upload(client, collection, samples.THAI_NAME, samples.pdf_bytes())
    document = LibraryDocument.objects.get()
    page = _page_with(agency_site, document)
    page.get_latest_revision().publish()
    client.logout()

    storage.stop()
    response = client.get(document.url)
    assert response.status_code == 503
    assert "ระบบจัดเก็บเอกสารขัดข้องชั่วคราว" in response.content.decode()
    # The wait is bounded by the client's configuration: short timeouts, no retries.
    client_config = document.file.storage.connection.meta.client.meta.config
    assert client_config.connect_timeout <= 5 and client_config.read_timeout <= 30
    assert client_config.retries.get("total_max_attempts", client_config.retries.get("max_attempts")) <= 2
    # Public pages render without calling the storage.
    assert client.get(page.url).status_code == 200

    client.force_login(editor)
    response = _upload(client, collection, "ประกาศ.pdf", samples.pdf_bytes(), title="ประกาศ")
    assert response.status_code == 200
    assert "ระบบจัดเก็บเอกสารขัดข้องชั่วคราว" in response.content.decode()
    assert LibraryDocument.objects.count() == 1

    storage.restart()
    response = _upload(client, collection, "ประกาศ.pdf", samples.pdf_bytes(), title="ประกาศ")
    assert response.status_code == 302
    assert LibraryDocument.objects.count() == 2
    assert LibraryDocument.objects.get(title="ประกาศ").file.name in storage.object_keys()


def test_presigned_urls_expire(client, s3_storage, settings, agency_site, collection):
    storage = s3_storage
    from documents.generate import document_create
    from documents.tests.conftest import s3_storages

    settings.STORAGES = s3_storages(settings.STORAGES, storage.endpoint, storage.bucket, expire=1)
    document = document_create(collection, "คู่มือ", "คู่มือ.pdf", samples.pdf_bytes(), "manual")
    _page_with(agency_site, document).get_latest_revision().publish()
    location = client.get(document.url)["Location"]
    query = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)
    assert query["X-Amz-Expires"] == ["1"]
    signed_at = datetime.datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.UTC)
    assert abs((timezone.now() - signed_at).total_seconds()) < 30
    assert requests.get(location, timeout=5).status_code == 200
    if os.environ.get("S3_ENDPOINT_URL"):
        # moto's server does not enforce the expiry of presigned URLs; a real MinIO or AWS does.
        time.sleep(2.1)
        assert requests.get(location, timeout=5).status_code == 403
