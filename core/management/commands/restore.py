from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup` into this installation: a migrated database of the same "
        "release and an empty media folder or bucket. Every SHA-256 is checked before anything changes. Refuses an "
        "installation that holds anything unless --force, which replaces all its data and files."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the archive (.tar or .tar.gz)")
        parser.add_argument(
            "--force", action="store_true", help="replace an installation that is not empty (all its data and files)"
        )

    def handle(self, *args, archive, force, **options):
        try:
            result = backup_restore(archive, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result["manifest"]
        if result["replaced"]:
            self.stdout.write("Replaced: " + ", ".join(result["replaced"]))
        self.stdout.write(
            f"Restored {archive} (made {manifest['created_at']}): the database and {result['files']} files; "
            "search index rebuilt."
        )
