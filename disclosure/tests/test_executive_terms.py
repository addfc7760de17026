"""an executive whose term has ended (end date before today, local date) no longer shows as holding the
post: the post shows ตำแหน่งว่าง until a successor is published, and the person is listed under อดีตผู้บริหาร."""

import datetime
from unittest import mock

import pytest

from disclosure.models import ExecutiveEntry, ExecutivesPage, Person
from disclosure.models.basic_info import VacantPost, executives_on

from .utils import basic_info_index, publish_under

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 15)
GOVERNOR = "ผู้ว่าราชการจังหวัดเพชรบุรี"
DEPUTY = "รองผู้ว่าราชการจังหวัดเพชรบุรี"


def _entry(position, name, start=None, end=None):
    return ExecutiveEntry(position=position, person=Person(name=name), term_start=start, term_end=end)


def test_a_term_that_ended_before_today_leaves_the_post_vacant_and_the_person_former():
    old = _entry(GOVERNOR, "นายเก่า", datetime.date(2022, 10, 1), datetime.date(2026, 3, 14))
    deputy = _entry(DEPUTY, "นางรอง", datetime.date(2024, 1, 1), TODAY)  # ends today: still in post
    posts, former = executives_on([old, deputy], TODAY)
    assert isinstance(posts[0], VacantPost) and posts[0].position == GOVERNOR and posts[0].person is None
    assert posts[1] is deputy
    assert former == [old]
    # The next day the deputy's term has ended too.
    posts, former = executives_on([old, deputy], TODAY + datetime.timedelta(days=1))
    assert [type(post) for post in posts] == [VacantPost, VacantPost]
    assert former == [deputy, old]  # latest end first


def test_a_published_successor_holds_the_post():
    old = _entry(GOVERNOR, "นายเก่า", datetime.date(2022, 10, 1), datetime.date(2026, 3, 1))
    new = _entry(f" {GOVERNOR}  ", "นายใหม่", datetime.date(2026, 3, 2))  # the same post, typed with extra spaces
    open_ended = _entry(DEPUTY, "นางรอง")
    posts, former = executives_on([old, new, open_ended], TODAY)
    assert posts == [new, open_ended]
    assert former == [old]


def test_the_public_page_on_a_fixed_date(agency_site, client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the date changes between requests; the cache itself ends at local midnight
    people = {name: Person.objects.create(site=agency_site, name=name) for name in ("นายเก่า", "นายใหม่", "นางรอง")}
    page = ExecutivesPage(title="คณะผู้บริหาร", slug="executives")
    page.executives = [
        ExecutiveEntry(
            position=GOVERNOR,
            person=people["นายเก่า"],
            term_start=datetime.date(2022, 10, 1),
            term_end=datetime.date(2026, 3, 14),
        ),
        ExecutiveEntry(position=DEPUTY, person=people["นางรอง"], term_start=datetime.date(2025, 10, 1)),
    ]
    page = publish_under(basic_info_index(agency_site), page)

    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        content = client.get("/basic-information/executives/").content.decode()
    current, history = content.split("อดีตผู้บริหาร", 1)
    assert "ตำแหน่งว่าง" in current and "นายเก่า" not in current
    assert current.index(GOVERNOR) < current.index("ตำแหน่งว่าง") < current.index(DEPUTY)
    assert "นางรอง" in current
    assert "นายเก่า" in history and GOVERNOR in history and "14 มีนาคม 2569" in history

    # The day before the term ended, he still holds the post and there is no history.
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2026, 3, 14)):
        content = client.get("/basic-information/executives/").content.decode()
    assert "นายเก่า" in content and "ตำแหน่งว่าง" not in content and "อดีตผู้บริหาร" not in content

    # A successor is published: the post is his, the former governor stays in the history.
    page.executives.add(ExecutiveEntry(position=GOVERNOR, person=people["นายใหม่"], term_start=TODAY, sort_order=2))
    page.save_revision().publish()
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        content = client.get("/basic-information/executives/").content.decode()
    current, history = content.split("อดีตผู้บริหาร", 1)
    assert "นายใหม่" in current and "ตำแหน่งว่าง" not in current and "นายเก่า" in history
