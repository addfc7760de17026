import datetime

from django.template import Context, Template
from django.utils import timezone

import pytest

from core import thai


def test_thai_date_long_and_short():
    assert thai.format_thai_date(datetime.date(2018, 5, 1)) == "1 พฤษภาคม 2561"
    assert thai.format_thai_date(datetime.date(2018, 5, 1), short=True) == "1 พ.ค. 2561"
    assert thai.format_thai_date(datetime.date(2025, 12, 31)) == "31 ธันวาคม 2568"


@pytest.mark.parametrize(
    ("day", "fiscal_year", "quarter"),
    [
        (datetime.date(2017, 9, 30), 2560, 4),
        (datetime.date(2017, 10, 1), 2561, 1),
        (datetime.date(2017, 12, 31), 2561, 1),
        (datetime.date(2018, 1, 1), 2561, 2),
        (datetime.date(2018, 3, 31), 2561, 2),
        (datetime.date(2018, 4, 1), 2561, 3),
        (datetime.date(2018, 6, 30), 2561, 3),
        (datetime.date(2018, 7, 1), 2561, 4),
        (datetime.date(2018, 9, 30), 2561, 4),
        (datetime.date(2018, 10, 1), 2562, 1),
    ],
)
def test_fiscal_year_and_quarter_boundaries(day, fiscal_year, quarter):
    assert thai.fiscal_year(day) == fiscal_year
    assert thai.fiscal_quarter(day) == (fiscal_year, quarter)


def test_fiscal_year_range():
    assert thai.fiscal_year_range(2561) == (datetime.date(2017, 10, 1), datetime.date(2018, 9, 30))


@pytest.mark.parametrize(
    ("quarter", "first", "last"),
    [
        (1, datetime.date(2017, 10, 1), datetime.date(2017, 12, 31)),
        (2, datetime.date(2018, 1, 1), datetime.date(2018, 3, 31)),
        (3, datetime.date(2018, 4, 1), datetime.date(2018, 6, 30)),
        (4, datetime.date(2018, 7, 1), datetime.date(2018, 9, 30)),
    ],
)
def test_fiscal_quarter_range(quarter, first, last):
    assert thai.fiscal_quarter_range(2561, quarter) == (first, last)


def test_fiscal_quarter_range_rejects_a_fifth_quarter():
    with pytest.raises(ValueError):
        thai.fiscal_quarter_range(2561, 5)


def test_thai_digits():
    assert thai.thai_digits("พ.ศ. 2561") == "พ.ศ. ๒๕๖๑"


def test_template_filters_use_local_time():
    # 30 Sep 2018 23:30 in Bangkok is still fiscal year 2561, though it is 16:30 UTC.
    moment = datetime.datetime(2018, 9, 30, 16, 30, tzinfo=datetime.UTC)
    rendered = Template(
        "{% load thai_dates %}{{ d|thai_date }}|{{ d|thai_date:'short' }}|{{ d|fiscal_year }}|{{ d|thai_datetime }}"
        "|{{ none|thai_date }}"
    ).render(Context({"d": moment, "none": None}))
    assert timezone.get_current_timezone_name() == "Asia/Bangkok"
    assert rendered == "30 กันยายน 2561|30 ก.ย. 2561|2561|30 กันยายน 2561 เวลา 23:30 น.|"
