from django.core.management.base import BaseCommand

from home.questions import CONTACT_RETENTION_DAYS, question_contacts_forget


class Command(BaseCommand):
    help = (
        f"Erase the asker's name, e-mail and phone of citizens' questions sent more than {CONTACT_RETENTION_DAYS} "
        "days ago (the Q&A page's personal-data notice promises it). Also done on every new question; run it daily "
        "from cron for agencies that receive few."
    )

    def handle(self, *args, **options):
        count = question_contacts_forget()
        self.stdout.write(f"Questions whose contact details were erased: {count}")
