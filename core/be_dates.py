"""Buddhist-era years wherever Django's named date formats are displayed in Thai.

Wagtail's admin (page and snippet histories, workflow timelines, "Approved at …" and revision messages, the lock
report, date filters) formats dates through ``django.utils.formats.date_format`` with a named format
(``DATETIME_FORMAT``...), whose ``Y`` is the Gregorian year. ``be_date_format`` writes the Buddhist-era year there
instead when the active language is Thai. Explicit formats (``|date:"Y-m-d"``, ``|date:"c"`` for machine-readable
attributes) and input widgets (which use ``strftime``) keep the Gregorian calendar."""

import re

from django.utils import dateformat, formats
from django.utils.translation import get_language

from core.thai import BE_OFFSET

NAMED_FORMATS = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
}
_YEAR = re.compile(r"(?<!\\)[Yy]")


def be_format_string(value, format_string: str) -> str:
    """``format_string`` with its year characters (``Y``, ``y``) replaced by ``value``'s Buddhist-era year, escaped."""
    year = str(value.year + BE_OFFSET)

    def literal(match):
        digits = year if match.group() == "Y" else year[-2:]
        return "".join("\\" + digit for digit in digits)

    return _YEAR.sub(literal, format_string)


def be_date_format(value, format=None, use_l10n=None, *, _gregorian=formats.date_format):
    """Django's ``date_format``, with the Buddhist-era year for a named format in Thai."""
    name = format or "DATE_FORMAT"
    if name in NAMED_FORMATS and (get_language() or "").startswith("th") and hasattr(value, "year"):
        return dateformat.format(value, be_format_string(value, formats.get_format(name, use_l10n=use_l10n)))
    return _gregorian(value, format, use_l10n=use_l10n)


def install():
    """Use ``be_date_format`` everywhere Django and Wagtail format a date by name."""
    import wagtail.admin.active_filters

    formats.date_format = be_date_format
    wagtail.admin.active_filters.date_format = be_date_format
