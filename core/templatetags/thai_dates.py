"""Template filters for Buddhist-era dates: ``{{ page.first_published_at|thai_date }}`` -> ``1 พฤษภาคม 2561``."""

import datetime

from django import template
from django.utils import timezone

from core import thai

register = template.Library()


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def thai_date(value, arg=""):
    """Long BE date; ``|thai_date:"short"`` gives ``1 พ.ค. 2561``; empty for no date."""
    if not value:
        return ""
    return thai.format_thai_date(_local(value), short=arg == "short")


@register.filter
def thai_datetime(value, arg=""):
    """``1 พฤษภาคม 2561 เวลา 09:30 น.``; ``|thai_datetime:"short"`` gives ``1 พ.ค. 2561 09:30 น.``."""
    if not value:
        return ""
    return thai.format_thai_datetime(_local(value), short=arg == "short")


@register.filter
def fiscal_year(value):
    """The Buddhist-era fiscal year of a date."""
    if not value:
        return ""
    return thai.fiscal_year(_local(value))


@register.filter
def thai_digits(value):
    return thai.thai_digits(value)


@register.filter
def thai_timestamp(value):
    """``thai_datetime`` for a datetime, ``thai_date`` for a date (the admin's date tooltips)."""
    if isinstance(value, datetime.datetime):
        return thai_datetime(value)
    return thai_date(value)
