import csv
import datetime
import io

from django.urls import reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from home.models import StandardPage
from oversight.models import ItaEvidencePage, ItaFramework, PageItaItem
from publishing.models import AgencyRole
from publishing.tests.utils import member_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def oit():
    return ItaFramework.objects.get(name="OIT 2566")


def _page(site, slug, codes, framework, live=True):
    page = StandardPage(title=f"หน้า {slug}", slug=slug, body="<p>ข้อมูล</p>", live=live)
    page.ita_items = [PageItaItem(item=framework.items.get(code=code)) for code in codes]
    site.root_page.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def _evidence_page(site, framework):
    page = ItaEvidencePage(title="การเปิดเผยข้อมูลสาธารณะ (OIT)", slug="ita", framework=framework)
    site.root_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_evidence_page_lists_exactly_the_live_public_tagged_pages(client, agency_site, second_agency_site, oit):
    _page(agency_site, "structure", ["O1"], oit)
    _page(agency_site, "executives", ["O2", "O1"], oit)
    _page(agency_site, "draft-only", ["O3"], oit, live=False)
    _page(second_agency_site, "other-agency", ["O4"], oit)
    _evidence_page(agency_site, oit)

    html = client.get("/ita/").content.decode()

    assert html.count('class="ita-item"') == 43
    o1 = html[html.index('id="ita-o1"') : html.index('id="ita-o2"')]
    assert 'href="/structure/"' in o1 and 'href="/executives/"' in o1
    o2 = html[html.index('id="ita-o2"') : html.index('id="ita-o3"')]
    assert 'href="/executives/"' in o2 and 'href="/structure/"' not in o2
    o3 = html[html.index('id="ita-o3"') : html.index('id="ita-o4"')]
    assert "หน้า draft-only" not in o3 and "ยังไม่มีข้อมูลเผยแพร่" in o3
    assert "หน้า other-agency" not in html


def test_compliance_matrix_statuses_and_exports(client, agency_site, oit, settings):
    recent = _page(agency_site, "structure", ["O1"], oit)
    old = _page(agency_site, "old-plan", ["O4"], oit)
    # Published before FY 2566 began: stale for the OIT 2566 list.
    old.last_published_at = timezone.make_aware(datetime.datetime(2021, 5, 1, 9, 0))
    old.save(update_fields=["last_published_at"])
    client.force_login(member_make(agency_site, AgencyRole.EXECUTIVES, "exec"))

    response = client.get(reverse("oversight_compliance"), {"framework": oit.pk})
    assert response.status_code == 200
    rows = {row.item.code: row for row in response.context["rows"]}
    assert rows["O1"].status == "ok" and [page.pk for page in rows["O1"].pages] == [recent.pk]
    assert rows["O4"].status == "stale"
    assert rows["O5"].status == "missing"
    assert response.context["missing"] == 41

    exported = client.get(reverse("oversight_compliance_export", args=["csv"]), {"framework": oit.pk})
    table = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert table[0] == ["รหัส", "ตัวชี้วัด", "สถานะ", "URL หลักฐาน"]
    assert table[1][:3] == ["O1", "โครงสร้าง", "ครบถ้วน"] and table[1][3].endswith("/structure/")

    exported = client.get(reverse("oversight_compliance_export", args=["xlsx"]), {"framework": oit.pk})
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert [cell.value for cell in sheet[2]][:3] == ["O1", "โครงสร้าง", "ครบถ้วน"]


def test_editors_do_not_see_the_matrix(client, agency_site, oit):
    client.force_login(member_make(agency_site, AgencyRole.EDITORS, "editor"))
    response = client.get(reverse("oversight_compliance"))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response.url == reverse("wagtailadmin_home")
