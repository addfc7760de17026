import pytest

from services.durations import duration_format, duration_total


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ([(30, "minutes"), (1, "working_days")], "1 วันทำการ 30 นาที"),
        ([(90, "minutes"), (1, "hours")], "2 ชั่วโมง 30 นาที"),
        ([(45, "minutes"), (15, "minutes")], "1 ชั่วโมง"),
        # Hours are never turned into days, and days never into working days.
        ([(8, "hours"), (2, "days"), (3, "working_days"), (1, "days")], "3 วัน 3 วันทำการ 8 ชั่วโมง"),
        ([(1500, "minutes")], "25 ชั่วโมง"),
        ([(1000, "days"), (5, "minutes")], "1,000 วัน 5 นาที"),
        ([], ""),
        # An incomplete step (a preview before validation) does not break the total.
        ([(None, "minutes"), (20, "")], ""),
    ],
)
def test_total_sums_clock_time_and_keeps_days_apart(steps, expected):
    assert duration_format(duration_total(steps)) == expected


def test_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        duration_total([(1, "weeks")])
