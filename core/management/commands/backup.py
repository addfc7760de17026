from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_create, backups_prune


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz) of the database and of every stored file (media folder or S3 bucket), with a "
        "manifest of SHA-256 sums, into BACKUP_DIR or --output. Restore it with `manage.py restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=None,
            help="folder for a dated archive, or an archive name ending in .tar or .tar.gz (default: BACKUP_DIR)",
        )
        parser.add_argument(
            "--keep", type=int, default=0, help="then keep only the N newest dated archives in that folder (0: all)"
        )

    def handle(self, *args, output, keep, **options):
        destination = Path(output or settings.BACKUP_DIR)
        try:
            path, manifest = backup_create(destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = path.stat().st_size
        self.stdout.write(
            f"Backup written: {path} ({len(manifest['files'])} files, {size / 1_000_000:.1f} MB; "
            f"database dump SHA-256 {manifest['database']['sha256']})"
        )
        for old in backups_prune(path.parent, keep):
            self.stdout.write(f"Old backup deleted: {old}")
