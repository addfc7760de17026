"""The page types of the OIT 2569 items that need structure (O10 E-Service, O18 complaints by quarter, O19
participation, O20 No Gift, O25-O26 the ITA result and its report): where they live, what the public sees, the Thai
messages that refuse bad rows, what the assessor would find missing, and what a page costs to render."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.test.utils.form_data import querydict_from_html

import pytest

from integrity.models import (
    ActivityStatus,
    ComplaintsPage,
    ComplaintStatistic,
    EService,
    EServicesPage,
    EServiceUsage,
    GiftReceived,
    IntegrityIndexPage,
    IntegrityItemPage,
    IntegrityMeasure,
    IntegrityMeasureResult,
    IntegrityMeasuresPage,
    IntegrityMeasuresReportPage,
    NoGiftPage,
    ParticipationActivity,
    ParticipationPage,
    PreventionPlanPage,
)
from integrity.models.no_gift import BOTH, NEITHER
from services.models import ServiceIndexPage, ServicePage

pytestmark = pytest.mark.django_db

NEW_SECTION_TYPES = [EServicesPage, ParticipationPage, NoGiftPage, IntegrityMeasuresPage]
# Queries to render each public page below with the page cache off, whatever its rows (measured: 4 to 6; the
# E-Service page's one more is the check that its linked manuals are live and public).
QUERY_BOUND = 6


def _live(**fields):
    now = timezone.now()
    return {"live": True, "first_published_at": now, "last_published_at": now, **fields}


def _section(site) -> IntegrityIndexPage:
    return IntegrityIndexPage.objects.child_of(site.root_page).get()


def _add(parent, page):
    parent.add_child(instance=page)
    return page


def _manual(site, live=True):
    index = ServiceIndexPage.objects.descendant_of(site.root_page).get()
    fields = _live() if live else {"live": False}
    return _add(
        index,
        ServicePage(
            **fields,
            title="การจดทะเบียนพาณิชย์",
            slug="commercial-registration" if live else "draft-manual",
            category="register",
            legal_basis="พ.ร.บ.ทะเบียนพาณิชย์ พ.ศ. 2499",
            criteria="<p>ผู้ประกอบพาณิชยกิจ</p>",
            complaint_channels="1567",
        ),
    )


def _e_services(section, services=2, manual=None, draft_manual=None):
    rows = [
        EService(
            name="ระบบนัดหมายล่วงหน้า",
            url="https://eservice.phetchaburi.example/appointment",
            purpose="จองวันและเวลาขอรับบริการ",
            hours="ตลอด 24 ชั่วโมง",
            service_page=draft_manual,
        ),
        EService(
            name="ระบบจดทะเบียนพาณิชย์",
            url="https://eservice.phetchaburi.example/commerce",
            purpose="ยื่นคำขอจดทะเบียนพาณิชย์ออนไลน์",
            hours="วันและเวลาราชการ",
            service_page=manual,
        ),
    ][:services]
    usage = [
        EServiceUsage(service_name="ระบบนัดหมายล่วงหน้า", month=10, uses=1200),
        EServiceUsage(service_name="ระบบนัดหมายล่วงหน้า", month=1, uses=300),
        EServiceUsage(service_name="ระบบจดทะเบียนพาณิชย์", month=10, uses=34),
        EServiceUsage(service_name="ระบบจดทะเบียนพาณิชย์", month=9, uses=6),
    ][: 2 * services]
    return _add(
        section,
        EServicesPage(**_live(title="E-Service 2569", slug="e-services", report_year=2569), services=rows, usage=usage),
    )


def _participation(section):
    return _add(
        section,
        ParticipationPage(
            **_live(title="การมีส่วนร่วม 2569", slug="participation", report_year=2569),
            intro="<p>กิจกรรมของปี</p>",
            activities=[
                ParticipationActivity(
                    title="เวทีประชาคมร่างแผนพัฒนาจังหวัด",
                    kind="hearing",
                    held_on=datetime.date(2025, 11, 20),
                    how_to_take_part="เข้าร่วมเวทีหรือส่งความคิดเห็นทางแบบฟอร์มออนไลน์",
                    participants=436,
                    result="ขอให้เร่งแก้ปัญหาน้ำท่วมขัง",
                    change_made="เพิ่มโครงการขุดลอกคลอง 2 สาย",
                ),
                ParticipationActivity(
                    title="สำรวจความคิดเห็นผู้รับบริการ",
                    kind="survey",
                    held_on=datetime.date(2026, 2, 16),
                    how_to_take_part="ตอบแบบสำรวจออนไลน์",
                    result="พึงพอใจร้อยละ 87",
                ),
            ],
        ),
    )


def _no_gift(section, gifts=True, slug="no-gift-2569"):
    return _add(
        section,
        NoGiftPage(
            **_live(title="No Gift Policy 2569", slug=slug, report_year=2569),
            declared_on=datetime.date(2025, 10, 1),
            declared_by="ผู้ว่าราชการจังหวัดเพชรบุรี",
            declaration="<p>จะไม่รับ ไม่ให้ และไม่เรียกรับของขวัญ</p>",
            activities="<p>ปฐมนิเทศบุคลากรใหม่</p>",
            no_gifts_received=not gifts,
            gifts=[
                GiftReceived(
                    received_on=datetime.date(2025, 12, 29),
                    description="กระเช้าผลไม้ปีใหม่",
                    giver="ผู้แทนสมาคมผู้ประกอบการท่องเที่ยว",
                    value=Decimal("2500"),
                    handling="ส่งมอบเป็นของหน่วยงาน",
                )
            ]
            if gifts
            else [],
        ),
    )


def _measures(section):
    return _add(
        section,
        IntegrityMeasuresPage(
            **_live(title="การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร 2569", slug="ita-measures", report_year=2569),
            assessed_year=2568,
            score=Decimal("91.37"),
            result_summary="<p>ความเป็นปัจจุบันของข้อมูลได้คะแนนต่ำ</p>",
            measures=[
                IntegrityMeasure(
                    issue="ข้อมูลไม่เป็นปัจจุบัน",
                    measure="ตรวจความเป็นปัจจุบันทุกไตรมาส",
                    responsible="คณะทำงานเผยแพร่ข้อมูล",
                    period="ตุลาคม 2568 - กันยายน 2569",
                )
            ],
        ),
    )


def _measures_report(measures, slug="report-2568", live=True):
    fields = _live() if live else {"live": False}
    return _add(
        measures,
        IntegrityMeasuresReportPage(
            **fields,
            title=f"รายงานผลการดำเนินการ {slug}",
            slug=slug,
            report_year=2568,
            summary="<p>ดำเนินการแล้วเสร็จ 2 มาตรการ</p>",
            problems="การประชาสัมพันธ์ยังเข้าไม่ถึงผู้สูงอายุ",
            results=[
                IntegrityMeasureResult(measure="เผยแพร่ข้อมูล OIT ให้ครบ", status=ActivityStatus.DONE, result="ครบทุกข้อ")
            ],
        ),
    )


# -- Where they live --------------------------------------------------------------------------------------------------


def test_the_new_page_types_live_in_the_ita_section_only(agency_site):
    section, home = _section(agency_site), agency_site.root_page.specific
    for model in NEW_SECTION_TYPES:
        assert model.can_create_at(section), model
        assert not model.can_create_at(home), model
        expected = [IntegrityMeasuresReportPage] if model is IntegrityMeasuresPage else []
        assert model.allowed_subpage_models() == expected, model
    measures = _measures(section)
    assert IntegrityMeasuresReportPage.can_create_at(measures)
    assert not IntegrityMeasuresReportPage.can_create_at(section)
    assert not IntegrityMeasuresReportPage.can_create_at(
        _add(section, PreventionPlanPage(**_live(title="แผน", slug="p", report_year=2569)))
    )
    assert IntegrityMeasuresReportPage.allowed_subpage_models() == []


def test_the_admin_opens_each_form_under_its_parent_only(agency_site, client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-1234"))
    section = _section(agency_site)
    for model in NEW_SECTION_TYPES:
        label = model._meta.model_name
        assert client.get(f"/admin/pages/add/integrity/{label}/{section.pk}/").status_code == 200, model
        refused = client.get(f"/admin/pages/add/integrity/{label}/{agency_site.root_page_id}/")
        assert (refused.status_code, refused.get("Location")) in ((403, None), (302, "/admin/")), model
    measures = _measures(section)
    assert client.get(f"/admin/pages/add/integrity/integritymeasuresreportpage/{measures.pk}/").status_code == 200


# -- What the public sees ---------------------------------------------------------------------------------------------


def test_e_services_show_each_service_and_usage_by_fiscal_month(agency_site, client):
    manual, draft_manual = _manual(agency_site), _manual(agency_site, live=False)
    _e_services(_section(agency_site), manual=manual, draft_manual=draft_manual)
    response = client.get("/integrity/e-services/")
    text = response.content.decode()
    assert response.status_code == 200
    assert '<a href="https://eservice.phetchaburi.example/appointment" rel="noopener">' in text
    assert 'target="_blank"' not in text
    assert "จองวันและเวลาขอรับบริการ" in text and "วันและเวลาราชการ" in text
    # The live manual is linked, the draft one is not.
    assert manual.url in text and "/draft-manual/" not in text
    # Months in fiscal order with their BE years: October 2568 first, September 2569 last.
    head = text[text.index('<thead><tr><th scope="col">บริการ</th>') :]
    assert head.index("ตุลาคม 2568") < head.index("มกราคม 2569") < head.index("กันยายน 2569")
    assert "<td>1,200</td>" in text and "<td>1,500</td>" in text  # October's figure, the service's year
    assert "<td>1,234</td>" in text  # October, both services
    assert "<td>1,540</td>" in text  # the year


def test_complaint_statistics_by_quarter_with_quarter_and_year_totals(agency_site, client):
    _add(
        _section(agency_site),
        ComplaintsPage(
            **_live(title="เรื่องร้องเรียนการทุจริต", slug="complaints"),
            guideline="<p>x</p>",
            channel_phone="1567",
            statistics=[
                ComplaintStatistic(
                    fiscal_year=2568, quarter=2, complaint_type="การเรียกรับสินบน", received=1, in_progress=0, closed=1
                ),
                ComplaintStatistic(
                    fiscal_year=2568, quarter=1, complaint_type="การจัดซื้อจัดจ้าง", received=3, in_progress=1, closed=2
                ),
                ComplaintStatistic(
                    fiscal_year=2568,
                    quarter=1,
                    complaint_type="การปฏิบัติหน้าที่โดยมิชอบ",
                    received=2,
                    in_progress=0,
                    closed=2,
                ),
                ComplaintStatistic(
                    fiscal_year=2567, complaint_type="การจัดซื้อจัดจ้าง", received=7, in_progress=0, closed=7
                ),
            ],
        ),
    )
    text = client.get("/integrity/complaints/").content.decode()
    first, second = text.index("ไตรมาสที่ 1 (ต.ค.-ธ.ค.)"), text.index("ไตรมาสที่ 2 (ม.ค.-มี.ค.)")
    assert first < second
    assert '<th scope="row">รวมไตรมาสที่ 1 (ต.ค.-ธ.ค.)</th><td>5</td><td>1</td><td>4</td>' in text
    assert '<th scope="row">รวมทั้งปีงบประมาณ 2568</th><td>6</td><td>1</td><td>5</td>' in text
    # 2567 has no quarters: one table, as before.
    year_2567 = text[text.index("ปีงบประมาณ 2567") :]
    assert "ไตรมาส" not in year_2567.split("</table>")[0]
    assert '<th scope="row">รวม</th><td>7</td>' in year_2567


def test_participation_shows_each_activity_with_its_result(agency_site, client):
    _participation(_section(agency_site))
    text = client.get("/integrity/participation/").content.decode()
    assert "เวทีประชาคมร่างแผนพัฒนาจังหวัด" in text and "รับฟังความคิดเห็น" in text and "สำรวจความคิดเห็น" in text
    assert "20 พฤศจิกายน 2568" in text and "16 กุมภาพันธ์ 2569" in text
    assert "436 คน" in text and "ขอให้เร่งแก้ปัญหาน้ำท่วมขัง" in text and "เพิ่มโครงการขุดลอกคลอง 2 สาย" in text


def test_no_gift_shows_the_declaration_and_the_gifts_or_none(agency_site, client):
    section = _section(agency_site)
    _no_gift(section)
    text = client.get("/integrity/no-gift-2569/").content.decode()
    assert "1 ตุลาคม 2568" in text and "ผู้ว่าราชการจังหวัดเพชรบุรี" in text
    assert "จะไม่รับ ไม่ให้ และไม่เรียกรับของขวัญ" in text and "ปฐมนิเทศบุคลากรใหม่" in text
    assert "29 ธันวาคม 2568" in text and "กระเช้าผลไม้ปีใหม่" in text and "2,500.00" in text
    assert "ส่งมอบเป็นของหน่วยงาน" in text
    _no_gift(section, gifts=False, slug="none")
    text = client.get("/integrity/none/").content.decode()
    assert "ไม่มีการรับทรัพย์สินหรือประโยชน์อื่นใดที่ต้องรายงานในปีงบประมาณ 2569" in text


def test_measures_list_their_live_reports_and_a_report_links_back(agency_site, client):
    measures = _measures(_section(agency_site))
    _measures_report(measures)
    _measures_report(measures, slug="draft-report", live=False)
    text = client.get("/integrity/ita-measures/").content.decode()
    assert "91.37 คะแนน (เต็ม 100)" in text and "การวิเคราะห์ผลการประเมิน ITA ปี 2568" in text
    assert "ตรวจความเป็นปัจจุบันทุกไตรมาส" in text and "คณะทำงานเผยแพร่ข้อมูล" in text
    assert "/integrity/ita-measures/report-2568/" in text and "draft-report" not in text
    report = client.get("/integrity/ita-measures/report-2568/").content.decode()
    assert "ดำเนินการแล้วเสร็จ" in report and "ครบทุกข้อ" in report
    assert "การประชาสัมพันธ์ยังเข้าไม่ถึงผู้สูงอายุ" in report
    assert "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร 2569" in report


# -- The rules and their Thai messages --------------------------------------------------------------------------------


def test_usage_naming_an_unknown_service_is_refused_naming_the_row():
    page = EServicesPage(
        title="E-Service",
        slug="e",
        report_year=2569,
        services=[EService(name="ระบบนัดหมาย", url="https://x.example/", purpose="จอง", hours="ตลอด 24 ชั่วโมง")],
        usage=[
            EServiceUsage(service_name="ระบบนัดหมาย", month=10, uses=5),
            EServiceUsage(service_name="ระบบจองห้อง", month=11, uses=3),
        ],
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "สถิติแถวที่ 2: ไม่มีบริการชื่อ “ระบบจองห้อง” ในหน้านี้" in str(error.value)
    page.usage = [
        EServiceUsage(service_name="ระบบนัดหมาย", month=10, uses=5),
        EServiceUsage(service_name="ระบบนัดหมาย", month=10, uses=7),
    ]
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "สถิติแถวที่ 2 ซ้ำกับแถวที่ 1" in str(error.value)
    page.usage = [EServiceUsage(service_name=" ระบบนัดหมาย", month=10, uses=5)]
    page.clean()  # surrounding spaces are not a different service


@pytest.mark.parametrize("ticked, gifts, message", [(True, 1, BOTH), (False, 0, NEITHER)])
def test_no_gift_refuses_both_and_neither(ticked, gifts, message):
    page = NoGiftPage(
        title="No Gift",
        slug="n",
        report_year=2569,
        declared_on=datetime.date(2025, 10, 1),
        declared_by="ผู้ว่าราชการจังหวัด",
        declaration="<p>x</p>",
        no_gifts_received=ticked,
        gifts=[
            GiftReceived(received_on=datetime.date(2025, 12, 1), description="ก", giver="ข", value=1, handling="ส่งมอบ")
        ][:gifts],
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert error.value.message_dict == {"no_gifts_received": [message]}
    assert "ไม่มีการรับทรัพย์สินหรือประโยชน์อื่นใดที่ต้องรายงานในปีนี้" in message


def test_the_editor_sees_the_no_gift_message_on_the_rows_being_sent(agency_site, client):
    """In the admin the rule reads the rows in the form, not the saved ones: a page with a gift, edited to remove
    it and tick "none", is saved; ticking "none" while keeping the gift is refused with the Thai message."""
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-1234"))
    page = _no_gift(_section(agency_site))
    url = f"/admin/pages/{page.pk}/edit/"
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data["no_gifts_received"] = "on"
    response = client.post(url, data)
    assert response.status_code == 200
    assert BOTH in response.content.decode()

    data["gifts-0-DELETE"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = NoGiftPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.no_gifts_received and list(latest.gifts.all()) == []


def test_the_editor_is_told_which_usage_row_names_no_service(agency_site, client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.go.th", "x-secret-1234"))
    page = _e_services(_section(agency_site), services=1)
    url = f"/admin/pages/{page.pk}/edit/"
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data["usage-1-service_name"] = "ระบบที่ไม่มี"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "สถิติแถวที่ 2: ไม่มีบริการชื่อ “ระบบที่ไม่มี” ในหน้านี้" in response.content.decode()
    data["services-0-name"] = "ระบบที่ไม่มี"
    data["usage-0-service_name"] = "ระบบที่ไม่มี"
    assert client.post(url, data).status_code == 302  # renaming the service and its rows together is fine


# -- What the assessor would find missing -----------------------------------------------------------------------------


def test_minimum_problems_are_empty_for_complete_pages(agency_site):
    section = _section(agency_site)
    measures = _measures(section)
    for page in (
        _e_services(section),
        _participation(section),
        _no_gift(section),
        measures,
        _measures_report(measures),
    ):
        assert page.ita_minimum_problems() == [], page


def test_minimum_problems_name_what_is_missing(agency_site):
    section = _section(agency_site)
    services = _e_services(section)
    EServiceUsage.objects.filter(page=services, service_name="ระบบจดทะเบียนพาณิชย์").delete()
    assert services.ita_minimum_problems() == ["บริการ “ระบบจดทะเบียนพาณิชย์” ยังไม่มีสถิติการใช้บริการรายเดือน"]

    participation = _participation(section)
    participation.activities.filter(kind="survey").update(result="")
    assert participation.ita_minimum_problems() == ["กิจกรรม “สำรวจความคิดเห็นผู้รับบริการ” ยังไม่ได้ระบุผลที่ได้จากการมีส่วนร่วม"]

    # A skeleton draft: only the year and the guidance.
    no_gift = NoGiftPage(title="No Gift", slug="draft", report_year=2569, declaration="<p>คำแนะนำ</p>")
    assert no_gift.ita_minimum_problems() == [
        "ยังไม่ได้ระบุวันที่ประกาศเจตนารมณ์",
        "ยังไม่ได้ระบุผู้ลงนามประกาศเจตนารมณ์",
        "ยังไม่มีรายงานการรับทรัพย์สินหรือประโยชน์อื่นใด (ไม่มีให้ระบุว่าไม่มี)",
    ]
    no_gift.no_gifts_received = True
    assert "ยังไม่มีรายงานการรับทรัพย์สินหรือประโยชน์อื่นใด (ไม่มีให้ระบุว่าไม่มี)" not in no_gift.ita_minimum_problems()

    measures = IntegrityMeasuresPage(
        title="ITA", slug="m", report_year=2569, assessed_year=2568, result_summary="<p>x</p>"
    )
    assert measures.ita_minimum_problems() == ["ยังไม่มีมาตรการหรือแนวทางการพัฒนา"]
    report = IntegrityMeasuresReportPage(title="รายงาน", slug="r", report_year=2568, summary="<p>x</p>")
    assert report.ita_minimum_problems() == ["ยังไม่มีผลการดำเนินการรายมาตรการ"]

    complaints = ComplaintsPage(title="ร้องเรียน", slug="c", guideline="<p>x</p>", channel_phone="1567")
    assert complaints.ita_minimum_problems() == ["ยังไม่มีข้อมูลสถิติเรื่องร้องเรียน (ไม่มีเรื่องร้องเรียนให้บันทึกจำนวนเป็น 0)"]
    complaints.statistics = [
        ComplaintStatistic(fiscal_year=2566, complaint_type="ไม่มีเรื่องร้องเรียน", received=0, in_progress=0, closed=0)
    ]
    assert complaints.ita_minimum_problems() == []  # which years are covered is not this page's question


def test_the_new_pages_are_found_by_the_text_of_their_rows(agency_site):
    from search.selectors import site_search

    page = _participation(_section(agency_site))
    page.save_revision().publish()
    hits = site_search(agency_site, "ขุดลอกคลอง").hits
    assert page.pk in {hit.pk for hit in hits if not hit.is_document}


# -- What a page costs ------------------------------------------------------------------------------------------------


def _queries(client, url) -> int:
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_each_public_page_renders_in_a_bounded_number_of_queries(agency_site, client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    section = _section(agency_site)
    manual = _manual(agency_site)
    small = {
        "e-services": _e_services(section, services=1, draft_manual=manual),
        "participation": _participation(section),
        "no-gift": _no_gift(section),
        "measures": _measures(section),
    }
    small["report"] = _measures_report(small["measures"])
    counts = {name: _queries(client, page.url) for name, page in small.items()}
    # More rows (and linked manuals, and reports) cost no more queries.
    for n in range(20):
        EService.objects.create(
            page=small["e-services"], name=f"บริการ {n}", url="https://x.example/", purpose="x", service_page=manual
        )
        EServiceUsage.objects.create(page=small["e-services"], service_name=f"บริการ {n}", month=1 + n % 12, uses=n)
        ParticipationActivity.objects.create(
            page=small["participation"],
            title=f"กิจกรรม {n}",
            kind="other",
            held_on=datetime.date(2026, 1, 1),
            how_to_take_part="x",
            result="y",
        )
        GiftReceived.objects.create(
            page=small["no-gift"],
            received_on=datetime.date(2026, 1, 1),
            description="x",
            giver="y",
            value=1,
            handling="z",
        )
        IntegrityMeasure.objects.create(
            page=small["measures"], issue=f"ประเด็น {n}", measure="x", responsible="y", period="z"
        )
        IntegrityMeasureResult.objects.create(page=small["report"], measure=f"มาตรการ {n}", status="done")
        _measures_report(small["measures"], slug=f"report-{n}")
    for name, page in small.items():
        count = _queries(client, page.url)
        assert count <= QUERY_BOUND, (name, count)
        assert count == counts[name], (name, counts[name], count)


# -- Skeleton drafts (oversight.skeleton) -----------------------------------------------------------------------------


def test_oit_2569_skeleton_drafts_get_the_new_page_types(agency_site):
    """A draft per OIT 2569 item: the structured items get their page types in the section, with the framework's
    year (the report of O26 cannot be placed under a measures page by the skeleton: it gets an evidence page)."""
    from oversight.models import ItaFramework
    from oversight.services import ita_skeleton_create
    from publishing.models import AgencyRole
    from publishing.tests.utils import member_make

    framework = ItaFramework.objects.get(name="OIT 2569", agency_type="")
    admin = member_make(agency_site, AgencyRole.ADMINISTRATORS, "webmaster")
    drafts = {
        page.ita_items.get().item.code: page.specific
        for page in ita_skeleton_create(framework, agency_site, admin).created
    }
    expected = {
        "O10": EServicesPage,
        "O19": ParticipationPage,
        "O20": NoGiftPage,
        "O25": IntegrityMeasuresPage,
        "O26": IntegrityItemPage,
    }
    section = _section(agency_site)
    for code, model in expected.items():
        page = drafts[code]
        assert type(page) is model and page.get_parent().pk == section.pk, code
        assert not page.live, code
    assert drafts["O10"].report_year == drafts["O20"].report_year == 2569
    assert "หลักฐานที่ต้องแสดง" in drafts["O20"].declaration and "หลักฐานที่ต้องแสดง" in drafts["O10"].intro
    # A draft knows what it still lacks.
    assert "ยังไม่ได้ระบุวันที่ประกาศเจตนารมณ์" in drafts["O20"].ita_minimum_problems()
    assert drafts["O10"].ita_minimum_problems() == ["ยังไม่มีบริการออนไลน์"]
