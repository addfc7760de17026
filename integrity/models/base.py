"""What every page type of the ITA section shares: its editor tabs (with the ITA guidance), year validators, month
choices; the procurement methods come from ``core``."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.models import DisclosurePage, PublishedDocumentsMixin
from core.panels import classified_edit_handler
from core.thai import MONTHS

from ..panels import ItaGuidancePanel

BODY_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]
BE_YEAR = [MinValueValidator(2500), MaxValueValidator(2700)]
MONTH_CHOICES = [(number, name) for number, name in enumerate(MONTHS, start=1)]
# The months of a Thai fiscal year, October first.
FISCAL_MONTHS = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]

# The classification tab of a disclosure page, with the guidance of its ITA items just above their choice.
METADATA_PANELS = [*DisclosurePage.metadata_panels[:-1], ItaGuidancePanel(), DisclosurePage.metadata_panels[-1]]


def integrity_edit_handler(content_panels):
    """Content, then classification/documents/ITA items with their guidance, promote and settings."""
    return classified_edit_handler(content_panels, METADATA_PANELS)


def month_in_fiscal_year(month: int, fiscal_year_be: int | None) -> str:
    """``"ตุลาคม 2567"`` for October of fiscal year 2568 (October to December belong to the year before)."""
    if not month:
        return ""
    if not fiscal_year_be:
        return MONTHS[month - 1]
    return f"{MONTHS[month - 1]} {fiscal_year_be - 1 if month >= 10 else fiscal_year_be}"


class FiscalYearPage(PublishedDocumentsMixin, DisclosurePage):
    """A page about one fiscal year (a plan, a report, statistics): the year is asked on the content tab and is the
    page's fiscal year for the oversight reports."""

    report_year = models.PositiveSmallIntegerField(
        "ปีงบประมาณ (พ.ศ.)", validators=BE_YEAR, help_text="ปีงบประมาณที่ข้อมูลในหน้านี้ครอบคลุม เช่น 2568"
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.report_year:
            self.fiscal_year = self.report_year
        return super().save(*args, **kwargs)


def inline_rows(page, relation: str) -> list:
    """The rows of ``page``'s inline ``relation`` that its rules are checked on: in the admin, the rows the editor is
    sending (the relation still holds the saved ones while the form is validated: ``integrity.forms``), else the
    page's own rows, in memory or saved."""
    sent = getattr(page, "_rows_sent", None)
    if sent is not None and relation in sent:
        return sent[relation]
    return list(getattr(page, relation).all())
