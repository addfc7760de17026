import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the first administrator account if there is none. The username and password come from "
        "ADMIN_USERNAME / ADMIN_PASSWORD, or a password is generated and printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=None)
        parser.add_argument("--password", default=None)
        parser.add_argument("--email", default="")

    def handle(self, *args, username, password, email, **options):
        import os

        User = get_user_model()
        username = username or os.environ.get("ADMIN_USERNAME") or "admin"
        password = password or os.environ.get("ADMIN_PASSWORD")
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Administrator account '{username}' already exists; its password is unchanged.")
            return
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS(f"Administrator account created: {username}"))
        if generated:
            self.stdout.write(self.style.WARNING(f"Generated password (shown only this once): {password}"))
