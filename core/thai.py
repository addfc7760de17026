"""Thai calendar helpers: Buddhist-era dates and the Thai government fiscal year.

The fiscal year runs from 1 October to 30 September and is named by the Buddhist-era year in which it ends
(FY 2561 = 1 Oct 2017 - 30 Sep 2018). Quarter 1 is October-December.
"""

import datetime

BE_OFFSET = 543

MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def be_year(ce_year: int) -> int:
    """The Buddhist-era year of a Gregorian (CE) year."""
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    """The Gregorian (CE) year of a Buddhist-era year."""
    return be - BE_OFFSET


def thai_digits(text) -> str:
    """``text`` with Arabic digits replaced by Thai numerals."""
    return str(text).translate(THAI_DIGITS)


def format_thai_date(value: datetime.date, short: bool = False) -> str:
    """``1 พฤษภาคม 2561`` (or ``1 พ.ค. 2561`` when short) for a date or datetime."""
    months = MONTHS_SHORT if short else MONTHS
    return f"{value.day} {months[value.month - 1]} {be_year(value.year)}"


def format_thai_datetime(value: datetime.datetime, short: bool = False) -> str:
    """``1 พฤษภาคม 2561 เวลา 09:30 น.`` (or ``1 พ.ค. 2561 09:30 น.`` when short)."""
    if short:
        return f"{format_thai_date(value, short=True)} {value:%H:%M} น."
    return f"{format_thai_date(value)} เวลา {value:%H:%M} น."


def fiscal_year(value: datetime.date) -> int:
    """The Buddhist-era fiscal year that a date falls in (1 Oct 2017 -> 2561, 30 Sep 2018 -> 2561)."""
    year = value.year + 1 if value.month >= 10 else value.year
    return be_year(year)


def fiscal_year_range(fy_be: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a Buddhist-era fiscal year: 2561 -> (2017-10-01, 2018-09-30)."""
    end_year = ce_year(fy_be)
    return datetime.date(end_year - 1, 10, 1), datetime.date(end_year, 9, 30)


def fiscal_quarter(value: datetime.date) -> tuple[int, int]:
    """(fiscal year BE, quarter 1-4) of a date: October-December is quarter 1."""
    return fiscal_year(value), (value.month - 10) % 12 // 3 + 1


def fiscal_quarter_range(fy_be: int, quarter: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of a fiscal-year quarter: (2561, 1) -> (2017-10-01, 2017-12-31)."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, not {quarter!r}")
    start, _ = fiscal_year_range(fy_be)
    month_index = start.month - 1 + (quarter - 1) * 3
    first = datetime.date(start.year + month_index // 12, month_index % 12 + 1, 1)
    next_index = month_index + 3
    after = datetime.date(start.year + next_index // 12, next_index % 12 + 1, 1)
    return first, after - datetime.timedelta(days=1)
