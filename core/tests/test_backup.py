"""Backup and restore: an archive of a working installation — pages in the procedure, revisions, the
audit log, workflow states, the working group's checklist reviews, documents — restored into an empty installation
gives the same rows and the same files, byte for byte; on the local disk and on an S3 server over real HTTP, on
SQLite and (the suite's second run) PostgreSQL. A non-empty installation is refused without --force, a damaged
archive is refused before anything changes."""

import hashlib
import tarfile

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision, TaskState, WorkflowState

import pytest

from conftest import _restore_wagtail_initial_data
from core.backup import DUMP_EXCLUDE, storage_files
from core.models import AgencySettings, PageDocument
from documents.generate import document_create
from documents.models import LibraryDocument
from documents.tests import samples
from publishing.models import ChecklistDecision, ChecklistReview
from publishing.tests.utils import act, admin_approve, manual_draft, reload, submit, team_make, wg_approve

# Backup and restore run outside any transaction, as they do in production: emptying the installation
# (TRUNCATE on PostgreSQL) cannot run inside the transaction an ordinary test wraps around itself.
pytestmark = pytest.mark.django_db(transaction=True)


def _installation(site):
    """A working agency: a manual published through both steps with two documents, a second manual sent back by
    the working group."""
    team = team_make(site)
    collection = AgencySettings.for_site(site).collection
    form = document_create(collection, "แบบคำร้องขอเลขที่บ้าน", "แบบคำร้อง.pdf", samples.pdf_bytes(), "form")
    sheet = document_create(collection, "สรุปผลการจัดซื้อจัดจ้าง", "สขร.1.xlsx", samples.xlsx_bytes(), "report")
    published = manual_draft(site, team["editor"], title="การขอเลขที่บ้าน", slug="house-number")
    for document in (form, sheet):
        published.published_documents.add(PageDocument(document=document))
    published.save_revision(user=team["editor"])
    submit(published, team["editor"])
    wg_approve(team["reviewer"], published)
    admin_approve(team["admin"], published)
    sent_back = manual_draft(site, team["editor"], title="การขออนุญาตก่อสร้างอาคาร", slug="building")
    submit(sent_back, team["editor"])
    act(team["reviewer"], sent_back, "reject", {"comment": "ระยะเวลาขั้นตอนที่ 1 ไม่ตรงกับประกาศ"})
    return reload(published), reload(sent_back)


def _rows():
    """Every row of every table the archive carries, column by column."""
    excluded = {label.lower() for label in DUMP_EXCLUDE}
    rows = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in excluded or meta.label_lower in excluded:
            continue
        rows[meta.label] = list(model._base_manager.order_by("pk").values())
    return rows


def _files():
    digests = {}
    for name in storage_files(default_storage):
        with default_storage.open(name, "rb") as stream:
            digests[name] = hashlib.sha256(stream.read()).hexdigest()
    return digests


def _empty_installation():
    """What `migrate` leaves on a new database (content types, permissions, Wagtail's first pages) and an empty
    media folder or bucket."""
    call_command("flush", interactive=False, verbosity=0)
    _restore_wagtail_initial_data()
    for name in list(storage_files(default_storage)):
        default_storage.delete(name)


def test_backup_then_restore_into_an_empty_installation_gives_the_same_rows_and_files(
    storage, agency_site, tmp_path, capsys
):
    published, sent_back = _installation(agency_site)
    # What the archive must carry is there: the procedure's whole trail, and public documents with their files.
    assert published.live and not sent_back.live
    assert ChecklistReview.objects.filter(decision=ChecklistDecision.APPROVED).exists()
    assert ChecklistReview.objects.filter(decision=ChecklistDecision.REJECTED).exists()
    assert WorkflowState.objects.filter(status="approved").exists()
    assert WorkflowState.objects.filter(status="needs_changes").exists()
    assert PageLogEntry.objects.filter(action="wagtail.publish", page=published).count() == 1
    assert LibraryDocument.objects.filter(is_public=True).count() == 2
    before_rows, before_files = _rows(), _files()
    documents = {doc.pk: doc.sha256 for doc in LibraryDocument.objects.all()}
    assert {name for name in before_files if name.startswith("documents/")} == {
        doc.file.name for doc in LibraryDocument.objects.all()
    }

    call_command("backup", output=str(tmp_path))
    out = capsys.readouterr().out
    assert f"Backup written: {tmp_path}/prongsai-backup-" in out
    (archive,) = tmp_path.glob("prongsai-backup-*.tar.gz")
    assert archive.stat().st_mode & 0o077 == 0  # password hashes inside: the owner's only

    # Not into this installation: it is not empty.
    with pytest.raises(CommandError, match="not empty .*user accounts.*--force"):
        call_command("restore", str(archive))
    assert _rows() == before_rows

    # A damaged archive is refused before anything changes.
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as copy:
        for member in source:
            data = source.extractfile(member).read()
            if member.name.startswith("files/documents/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            copy.addfile(member, ContentFile(data))
    _empty_installation()
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged))
    assert get_user_model().objects.count() == 0 and _files() == {}

    call_command("restore", str(archive))
    assert "the database and" in capsys.readouterr().out
    after_rows = _rows()
    assert after_rows.keys() == before_rows.keys()
    for label, rows in before_rows.items():
        assert after_rows[label] == rows, label
    assert _files() == before_files
    for document in LibraryDocument.objects.all():
        with default_storage.open(document.file.name, "rb") as stream:
            assert hashlib.sha256(stream.read()).hexdigest() == document.sha256 == documents[document.pk]
    # Wagtail reads the restored tree, revisions and log as its own.
    page = Page.objects.get(pk=published.pk).specific
    assert page.live and page.get_latest_revision().pk == published.get_latest_revision().pk
    assert page.url_path == published.url_path and Page.objects.get(pk=sent_back.pk).specific.title == sent_back.title
    assert Revision.objects.count() == len(before_rows["wagtailcore.Revision"])
    assert TaskState.objects.count() == len(before_rows["wagtailcore.TaskState"])
    assert ModelLogEntry.objects.count() + PageLogEntry.objects.count() > 0
    # The site serves the restored page, found by the rebuilt search index.
    assert "การขอเลขที่บ้าน" in page.serve(_request(page)).render().content.decode()
    assert "การขอเลขที่บ้าน" in [result.title for result in Page.objects.live().search("เลขที่บ้าน")]

    # --force replaces an installation that is not empty: its extra rows and files go; new rows get new ids.
    get_user_model().objects.create_user("newcomer")
    default_storage.save("documents/stray.txt", ContentFile(b"stray"))
    call_command("restore", str(archive), force=True)
    assert "Replaced: " in capsys.readouterr().out
    assert _rows() == before_rows and _files() == before_files
    assert get_user_model().objects.create_user("after-restore").pk > max(row["id"] for row in before_rows["auth.User"])


def _request(page):
    from django.test import RequestFactory

    return RequestFactory().get(page.url, HTTP_HOST="localhost")
