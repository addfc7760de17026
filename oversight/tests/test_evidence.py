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
    assert table[0] == ["รหัส", "ตัวชี้วัด", "มี/ไม่มี", "URL หลักฐาน", "คำอธิบายตำแหน่งข้อมูล"]
    assert table[1][:3] == ["O1", "โครงสร้าง", "มี"] and table[1][3].endswith("/structure/")
    assert table[1][4] == "ข้อมูลอยู่ที่หน้า “หน้า structure” ที่หน้าแรกของเว็บไซต์"
    assert table[5][:3] == ["O5", "ข้อมูลการติดต่อ", "ไม่มี"] and table[5][3] == ""

    exported = client.get(reverse("oversight_compliance_export", args=["xlsx"]), {"framework": oit.pk})
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert [cell.value for cell in sheet[2]][:3] == ["O1", "โครงสร้าง", "มี"]


def _child(parent, slug, codes, framework, fiscal_year=None):
    page = StandardPage(title=f"หน้า {slug}", slug=slug, body="<p>ข้อมูล</p>", fiscal_year=fiscal_year)
    page.ita_items = [PageItaItem(item=framework.items.get(code=code)) for code in codes]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_matrix_flags_evidence_of_the_wrong_fiscal_year(client, agency_site):
    oit_2569 = ItaFramework.objects.get(name="OIT 2569")
    wrong = _child(agency_site.root_page, "hr-report-2567", ["O14"], oit_2569, fiscal_year=2567)
    right = _child(agency_site.root_page, "prevention-report-2568", ["O24"], oit_2569, fiscal_year=2568)
    plan = _child(agency_site.root_page, "prevention-plan-2568", ["O23"], oit_2569, fiscal_year=2568)
    both = _child(agency_site.root_page, "hr-report-2568", ["O14"], oit_2569, fiscal_year=2568)
    client.force_login(member_make(agency_site, AgencyRole.WORKING_GROUP, "checker"))

    response = client.get(reverse("oversight_compliance"), {"framework": oit_2569.pk})
    rows = {row.item.code: row for row in response.context["rows"]}
    # A 2567 report where 2568 is due is flagged; with the 2568 report beside it the item still has evidence.
    assert rows["O14"].problems_of("page", wrong.pk) == ["เป็นข้อมูลปีงบประมาณ 2567 แต่ตัวชี้วัดนี้ต้องการข้อมูลปีงบประมาณ 2568"]
    assert rows["O14"].problems_of("page", both.pk) == [] and rows["O14"].status == "ok"
    assert rows["O24"].problems == {} and rows["O24"].status == "ok"
    # A plan of 2568 for the plan of 2569 is the only evidence: the item does not pass.
    assert rows["O23"].status == "problem" and rows["O23"].problems_of("page", plan.pk)
    html = response.content.decode()
    assert f'data-problem-page="{wrong.pk}"' in html and f'data-problem-page="{right.pk}"' not in html
    assert "หลักฐานไม่ตรงตามเกณฑ์ 1 รายการ" in html


def test_the_matrix_flags_an_executive_without_photo_or_contact_and_a_stand_in_for_a_vacant_post(client, agency_site):
    from disclosure.models import BasicInfoIndexPage, ExecutiveEntry, ExecutivesPage, Person

    oit_2569 = ItaFramework.objects.get(name="OIT 2569")
    section = BasicInfoIndexPage.objects.child_of(agency_site.root_page).get()
    governor = Person.objects.create(site=agency_site, name="นายสมชาย ใจดี", phone="0 3242 5039", live=True)
    stand_in = Person.objects.create(site=agency_site, name="-", live=True)
    ExecutivesPage.objects.child_of(section).delete()
    page = ExecutivesPage(title="คณะผู้บริหาร", slug="executives-2569")
    page.executives = [
        ExecutiveEntry(position="ผู้ว่าราชการจังหวัดเพชรบุรี", person=governor),
        ExecutiveEntry(position="รองผู้ว่าราชการจังหวัดเพชรบุรี", person=stand_in),
        ExecutiveEntry(position="ปลัดจังหวัดเพชรบุรี"),
    ]
    page.ita_items = [PageItaItem(item=oit_2569.items.get(code="O2"))]
    section.add_child(instance=page)
    page.save_revision().publish()
    client.force_login(member_make(agency_site, AgencyRole.ADMINISTRATORS, "webmaster"))

    rows = {
        row.item.code: row
        for row in client.get(reverse("oversight_compliance"), {"framework": oit_2569.pk}).context["rows"]
    }

    assert rows["O2"].problems_of("page", page.pk) == [
        "ผู้ว่าราชการจังหวัดเพชรบุรี (นายสมชาย ใจดี): ไม่มีรูปถ่าย",
        "รองผู้ว่าราชการจังหวัดเพชรบุรี: ระบุผู้ดำรงตำแหน่งเป็น “-” ให้เว้นผู้ดำรงตำแหน่งว่างไว้ ระบบจะแสดงคำว่า “ตำแหน่งว่าง”",
    ]
    assert rows["O2"].status == "problem"


def test_the_assessors_export_has_the_rows_of_the_public_page(client, agency_site, oit):
    from disclosure.models import BasicInfoIndexPage

    section = BasicInfoIndexPage.objects.child_of(agency_site.root_page).get()
    _child(section, "structure", ["O1"], oit)
    _page(agency_site, "contact-us", ["O5", "O8"], oit)
    _page(agency_site, "draft-only", ["O3"], oit, live=False)
    _evidence_page(agency_site, oit)
    client.force_login(member_make(agency_site, AgencyRole.ADMINISTRATORS, "webmaster"))

    exported = client.get(reverse("oversight_compliance_export", args=["csv"]), {"framework": oit.pk})
    table = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))[1:]
    html = client.get("/ita/").content.decode()

    assert [row[0] for row in table] == [f"O{n}" for n in range(1, 44)]
    for code, _name, has, urls, _where in table:
        block = html[html.index(f'id="ita-{code.lower()}"') :].split('class="ita-item"')[0].split("</ol>")[0]
        hrefs = [href for href in block.split('href="')[1:]]
        public = sorted("http://localhost" + href.split('"')[0] for href in hrefs)
        assert sorted(url for url in urls.split("\n") if url) == public, code
        assert has == ("มี" if public else "ไม่มี")
    o1 = next(row for row in table if row[0] == "O1")
    assert o1[4] == "ข้อมูลอยู่ที่หน้า “หน้า structure” ในเมนู ข้อมูลพื้นฐาน"
    assert next(row for row in table if row[0] == "O3")[2] == "ไม่มี"  # a draft is not evidence


def test_editors_do_not_see_the_matrix(client, agency_site, oit):
    client.force_login(member_make(agency_site, AgencyRole.EDITORS, "editor"))
    response = client.get(reverse("oversight_compliance"))
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response.url == reverse("wagtailadmin_home")
