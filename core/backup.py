"""Backup and restore of a whole installation: its database and every stored file (media and documents), on the
local disk or in an S3-compatible bucket.

An archive is one tar file (gzip-compressed when its name ends in ``.gz``) holding:
- ``database.jsonl``: every row of every table (Django's ``dumpdata``, JSON lines), taken in one snapshot;
- ``files/<name>``: every file of the default storage, under its storage name;
- ``manifest.json``: the format, when and from what it was made, the migrations applied, and the size and SHA-256
  of the dump and of every file.

Why rows with their own ids rather than natural keys: Wagtail keeps content type ids inside data (a page revision's
JSON names its page's ``content_type``), so content types and permissions are restored with the ids they had, and
the restore starts from an emptied database instead of merging into the rows a migration made. One format for SQLite
and PostgreSQL (an archive of one loads into the other) and no client tools that must match the server's version.
Left out and rebuilt: the search index (``update_index`` after a restore; SQLite's full-text table is not portable)
and sessions (everyone signs in again).
"""

import datetime
import hashlib
import json
import os
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.cache import cache
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.management.sql import sql_flush
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import wagtail
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

FORMAT = "prongsai-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_DUMP = "database.jsonl"
FILES = "files/"
DUMP_EXCLUDE = ["sessions", "wagtailsearch.indexentry", "wagtailsearch.sqliteftsindexentry"]
ARCHIVE_PREFIX = "prongsai-backup-"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """An archive that cannot be written or restored, with what to do about it."""


class _HashingReader:
    """A read-only stream that counts and hashes what is read through it (no seek: read once, in order)."""

    def __init__(self, stream):
        self.stream = stream
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size=-1):
        data = self.stream.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def storage_files(storage=None) -> Iterator[str]:
    """Every file name in ``storage`` (the default storage), sorted, folders walked; nothing when its root does not
    exist yet (a new installation's media folder)."""
    storage = storage or default_storage

    def walk(folder):
        try:
            folders, files = storage.listdir(folder)
        except FileNotFoundError:
            return
        for name in sorted(files):
            yield f"{folder}/{name}" if folder else name
        for name in sorted(folders):
            yield from walk(f"{folder}/{name}" if folder else name)

    yield from walk("")


def applied_migrations() -> list[str]:
    """``app.name`` of every migration applied to the default database, sorted."""
    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


class _ExactJSONEncoder(DjangoJSONEncoder):
    """Django's JSON encoder keeps a time to the millisecond; a backup keeps every microsecond, so that rows
    written within one millisecond (log entries of one action) come back with the times and order they had."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _dumped_models() -> list:
    """The models whose rows the archive carries, content types and permissions first: loading a row can look up
    its model's content type, which would otherwise create one with another id before the archived one is loaded."""
    excluded = {label.lower() for label in DUMP_EXCLUDE}
    first = ["contenttypes", "auth"]
    configs = [apps.get_app_config(label) for label in first]
    configs += [config for config in apps.get_app_configs() if config.label not in first]
    return [
        model
        for config in configs
        if config.label not in excluded
        for model in config.get_models()
        if not model._meta.proxy and model._meta.label_lower not in excluded
    ]


def _rows_write(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as stream:
        for model in _dumped_models():
            rows = model._base_manager.order_by(model._meta.pk.name).iterator(chunk_size=2000)
            serializers.serialize("jsonl", rows, stream=stream, cls=_ExactJSONEncoder)


def _database_dump(path: Path) -> None:
    """Every row but the search index and sessions (JSON lines, as ``dumpdata`` writes them but to the
    microsecond), from one snapshot of the database: PostgreSQL's repeatable read (writers are not held up); on
    SQLite a read transaction, which WAL mode keeps from blocking writers."""
    if connection.in_atomic_block:  # already one snapshot (a caller's transaction)
        _rows_write(path)
    elif connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            _rows_write(path)
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                _rows_write(path)
            finally:
                cursor.execute("COMMIT")
    else:
        _rows_write(path)


def archive_name(now: datetime.datetime | None = None) -> str:
    now = timezone.localtime(now or timezone.now())
    return f"{ARCHIVE_PREFIX}{now:%Y%m%d-%H%M%S}.tar.gz"


def backup_create(destination: Path, storage=None) -> tuple[Path, dict]:
    """Write an archive of the database and of every stored file to ``destination`` (a folder, where it gets a
    dated name, or a file name ending in ``.tar`` or ``.tar.gz``). The archive appears complete or not at all (it is
    written under a temporary name, then renamed) and only its owner may read it: it holds password hashes. The
    database is dumped first, then the files: a document's file is stored before its row, so every row in the dump
    finds its file. Returns the archive's path and its manifest."""
    storage = storage or default_storage
    destination = Path(destination)
    path = destination / archive_name() if destination.is_dir() or not destination.suffix else destination
    if not path.name.endswith((".tar", ".tar.gz")):
        raise BackupError(f"The archive's name must end in .tar or .tar.gz: {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "database_vendor": connection.vendor,
        "storage": settings.STORAGES["default"]["BACKEND"],
        "migrations": applied_migrations(),
    }
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".backup-") as work:
        dump = Path(work) / DATABASE_DUMP
        _database_dump(dump)
        manifest["database"] = {"name": DATABASE_DUMP, "size": dump.stat().st_size, "sha256": _file_sha256(dump)}
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode=_write_mode(path)) as archive:
                archive.add(dump, arcname=DATABASE_DUMP)
                manifest["files"] = [_archive_add_stored(archive, storage, name) for name in storage_files(storage)]
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
                archive.addfile(info, _BytesReader(data))
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return path, manifest


class _BytesReader:
    def __init__(self, data: bytes):
        self.data, self.offset = data, 0

    def read(self, size=-1):
        end = len(self.data) if size is None or size < 0 else self.offset + size
        chunk, self.offset = self.data[self.offset : end], min(end, len(self.data))
        return chunk


def _write_mode(path: Path) -> str:
    return "w:gz" if path.name.endswith(".gz") else "w"


def _archive_add_stored(archive: tarfile.TarFile, storage, name: str) -> dict:
    size = storage.size(name)
    info = tarfile.TarInfo(FILES + name)
    info.size, info.mode = size, 0o600
    try:
        info.mtime = int(storage.get_modified_time(name).timestamp())
    except (NotImplementedError, OSError):
        info.mtime = int(timezone.now().timestamp())
    with storage.open(name, "rb") as stream:
        reader = _HashingReader(stream)
        archive.addfile(info, reader)
    if reader.size != size:
        raise BackupError(f"{name} changed while it was copied ({size} bytes listed, {reader.size} read)")
    return {"name": name, "size": size, "sha256": reader.sha256.hexdigest()}


def backups_prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest archives this command named in ``folder``; returns what was deleted."""
    archives = sorted(Path(folder).glob(f"{ARCHIVE_PREFIX}*.tar*"), key=lambda p: p.name, reverse=True)
    archives = [p for p in archives if not p.name.endswith(".partial")]
    removed = archives[keep:] if keep > 0 else []
    for old in removed:
        old.unlink()
    return removed


# Restore ---------------------------------------------------------------------------------------------------------


def archive_manifest(path: Path) -> dict:
    """The archive's manifest, once it is known to be one of ours in a format this release reads."""
    try:
        with tarfile.open(path, "r:*") as archive:
            member = archive.getmember(MANIFEST)
            manifest = json.loads(archive.extractfile(member).read())
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(f"{path} is not a readable backup archive ({error})") from error
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"{path} is not a backup archive of format {FORMAT} {FORMAT_VERSION}")
    return manifest


def archive_verify(path: Path, manifest: dict) -> None:
    """Read the whole archive once: the dump and every file must be there with the size and SHA-256 the manifest
    records, and nothing else may be."""
    expected = {DATABASE_DUMP: manifest["database"]}
    expected.update({FILES + entry["name"]: entry for entry in manifest["files"]})
    seen = set()
    with tarfile.open(path, "r:*") as archive:
        for member in archive:
            if member.name == MANIFEST:
                continue
            entry = expected.get(member.name)
            if entry is None or not member.isfile():
                raise BackupError(f"{path}: unexpected entry {member.name}")
            reader = _HashingReader(archive.extractfile(member))
            while reader.read(CHUNK):
                pass
            if reader.size != entry["size"] or reader.sha256.hexdigest() != entry["sha256"]:
                raise BackupError(f"{path}: {member.name} is damaged (its SHA-256 differs from the manifest's)")
            seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"{path}: {len(missing)} entries missing, e.g. {missing[0]}")


def installation_contents(storage=None) -> list[str]:
    """What makes this installation not empty: accounts, pages besides Wagtail's first two, revisions, documents,
    images, stored files. Empty is a database just migrated with an empty media folder or bucket."""
    storage = storage or default_storage
    page_type = ContentType.objects.get_for_model(Page)
    counts = {
        "user accounts": get_user_model().objects.count(),
        "pages": Page.objects.exclude(depth=1).exclude(depth=2, slug="home", content_type=page_type).count(),
        "revisions": Revision.objects.count(),
        "documents": get_document_model().objects.count(),
        "images": get_image_model().objects.count(),
    }
    found = [f"{count} {what}" for what, count in counts.items() if count]
    first_file = next(storage_files(storage), None)
    if first_file is not None:
        found.append(f"stored files (e.g. {first_file})")
    return found


def _migrations_check(manifest: dict) -> None:
    archived, here = set(manifest["migrations"]), set(applied_migrations())
    if archived != here:
        only_archive, only_here = sorted(archived - here), sorted(here - archived)
        raise BackupError(
            "The archive was made at another database schema than this installation's: "
            f"{len(only_archive)} migrations only in the archive {only_archive[:3]}, "
            f"{len(only_here)} only here {only_here[:3]}. Restore with the release that made the archive "
            "(run `manage.py migrate` on an empty database first), then upgrade."
        )


def _database_load(path: Path, dump_member: str) -> None:
    """Empty every table (without letting Django re-create content types and permissions) and load the dump, in one
    transaction: a dump that fails to load leaves the database as it was."""
    with tempfile.TemporaryDirectory(prefix="prongsai-restore-") as work:
        dump = Path(work) / DATABASE_DUMP
        with tarfile.open(path, "r:*") as archive, open(dump, "wb") as out:
            source = archive.extractfile(dump_member)
            while chunk := source.read(CHUNK):
                out.write(chunk)
        with transaction.atomic():
            connection.ops.execute_sql_flush(sql_flush(no_style(), connection, reset_sequences=True))
            call_command("loaddata", str(dump), verbosity=0)


def _files_restore(path: Path, manifest: dict, storage) -> int:
    for name in list(storage_files(storage)):
        storage.delete(name)
    entries = {FILES + entry["name"]: entry for entry in manifest["files"]}
    restored = 0
    with tarfile.open(path, "r:*") as archive:
        for member in archive:
            entry = entries.get(member.name)
            if entry is None:
                continue
            reader = _HashingReader(archive.extractfile(member))
            # A plain seekable file for every storage backend (in memory up to 8 MB, then on disk), checked again
            # before it is stored.
            with tempfile.SpooledTemporaryFile(max_size=8 * CHUNK) as copy:
                while chunk := reader.read(CHUNK):
                    copy.write(chunk)
                if reader.sha256.hexdigest() != entry["sha256"]:
                    raise BackupError(f"{path}: {member.name} is damaged (its SHA-256 differs from the manifest's)")
                copy.seek(0)
                saved = storage.save(entry["name"], File(copy, name=entry["name"]))
            if saved != entry["name"]:
                raise BackupError(f"{entry['name']} was stored as {saved}: the storage was not empty")
            restored += 1
    return restored


def backup_restore(path: Path, force: bool = False, storage=None, rebuild_index: bool = True) -> dict:
    """Restore an archive into this installation: its database rows and its files, then the search index. Refuses an
    installation that is not empty (``installation_contents``) unless ``force``, when what is there is replaced (every
    table emptied, every stored file deleted). The archive is checked whole (its SHA-256 sums) before anything is
    changed, and the database is loaded in one transaction before the files are written."""
    storage = storage or default_storage
    path = Path(path)
    manifest = archive_manifest(path)
    _migrations_check(manifest)
    archive_verify(path, manifest)
    contents = installation_contents(storage)
    if contents and not force:
        raise BackupError(
            "This installation is not empty (" + ", ".join(contents) + "). Restore into a new installation "
            "(a migrated database, an empty media folder or bucket), or add --force to replace everything in it."
        )
    _database_load(path, DATABASE_DUMP)
    ContentType.objects.clear_cache()
    restored = _files_restore(path, manifest, storage)
    cache.clear()
    if rebuild_index:
        with open(os.devnull, "w") as quiet:
            call_command("update_index", stdout=quiet)
    return {"manifest": manifest, "files": restored, "replaced": contents}
