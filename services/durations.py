"""Step durations of a citizen's manual and their total ("ระยะเวลาดำเนินการรวม").

The rule for the total, shown to citizens and tested in ``services/tests/test_durations.py``:

- minutes and hours are clock time: they are added together and shown as hours and minutes
  (90 นาที + 1 ชั่วโมง -> "2 ชั่วโมง 30 นาที"); they are never turned into days, because seven hours of desk work
  spread over a week is not "one working day";
- days (calendar days) and working days (วันทำการ) are each summed in their own unit and never converted into one
  another or into hours: a weekend or a public holiday decides how long a working day lasts in calendar time;
- the parts are written largest first: days, working days, hours, minutes ("1 วันทำการ 30 นาที").
"""

from collections.abc import Iterable

from django.db import models


class DurationUnit(models.TextChoices):
    MINUTES = "minutes", "นาที"
    HOURS = "hours", "ชั่วโมง"
    DAYS = "days", "วัน"
    WORKING_DAYS = "working_days", "วันทำการ"


def duration_total(durations: Iterable[tuple[int, str]]) -> dict[str, int]:
    """Sum ``(amount, unit)`` pairs: ``{"days", "working_days", "hours", "minutes"}``, minutes below 60.

    Pairs with no amount or no unit are skipped (an unsaved, incomplete step in a preview)."""
    days = working_days = minutes = 0
    for amount, unit in durations:
        if not amount or not unit:
            continue
        if unit == DurationUnit.MINUTES:
            minutes += amount
        elif unit == DurationUnit.HOURS:
            minutes += amount * 60
        elif unit == DurationUnit.DAYS:
            days += amount
        elif unit == DurationUnit.WORKING_DAYS:
            working_days += amount
        else:
            raise ValueError(f"unknown duration unit {unit!r}")
    return {"days": days, "working_days": working_days, "hours": minutes // 60, "minutes": minutes % 60}


def duration_format(total: dict[str, int]) -> str:
    """``"1 วันทำการ 30 นาที"`` for a total from :func:`duration_total`; empty when everything is zero."""
    labels = (
        ("days", DurationUnit.DAYS.label),
        ("working_days", DurationUnit.WORKING_DAYS.label),
        ("hours", DurationUnit.HOURS.label),
        ("minutes", DurationUnit.MINUTES.label),
    )
    return " ".join(f"{total[key]:,} {label}" for key, label in labels if total.get(key))
