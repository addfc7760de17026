"""Demo content of the ITA section: the Phetchaburi evidence for every OIT 2566 item that the other apps' demo pages
do not answer, and the tags on those pages for the items they do answer ("ITA-ready out of the box"); and
the structured pages of OIT 2569's E-Service, participation, No Gift and ITA-result items (O10, O19, O20, O25, O26),
of the fiscal years that framework asks for (plans 2569, reports 2568).

``load(site)`` is idempotent: pages are found by slug under the section, tags only added when missing. People and
handles are fictional; amounts and counts are plausible, not real. ITA items are reached through the pages' own tag
relation (``page.ita_items``, declared by ``core``): this app does not import ``oversight`` (tests/test_layering.py).
"""

import datetime
import html
from decimal import Decimal

from wagtail.models import Page

from core.models import AgencySettings, InformationClass, OrganisationUnit, PageDocument
from documents.generate import document_create, pdf_from_html, xlsx_from_rows
from documents.models import DocumentKind

from .models import (
    ActivityStatus,
    ComplaintsPage,
    ComplaintStatistic,
    EService,
    EServicesPage,
    EServiceUsage,
    GiftReceived,
    HumanResourcesKind,
    HumanResourcesPage,
    IntegrityIndexPage,
    IntegrityItemKind,
    IntegrityItemPage,
    IntegrityMeasure,
    IntegrityMeasureResult,
    IntegrityMeasuresPage,
    IntegrityMeasuresReportPage,
    NoGiftPage,
    ParticipationActivity,
    ParticipationKind,
    ParticipationPage,
    PreventionActivity,
    PreventionPlanPage,
    PreventionReportPage,
    PreventionReportPeriod,
    PreventionResult,
    ProcurementMethod,
    ProcurementMethodTotal,
    ProcurementPlanPage,
    ProcurementPlanRow,
    ProcurementReportPage,
    RiskAssessmentPage,
    RiskRow,
)
from .models.base import FISCAL_MONTHS

FRAMEWORK = "OIT 2566"
# OIT 2569 asks for plans and activities of fiscal year 2569 and reports and statistics of 2568.
FRAMEWORK_2569, PLANS_2569, REPORTS_2569 = "OIT 2569", 2569, 2568
# ITA 2561's EB8 asks for the appointment of the people responsible for publishing (announcement, section 4).
APPOINTMENT_FRAMEWORK, APPOINTMENT_CODE = "ITA 2561 (EB)", "EB8"
YEAR = 2568
SAMPLE = "ข้อมูลตัวอย่างเพื่อการสาธิตระบบ ชื่อบุคคลและบัญชีเป็นชื่อสมมติ"
GOVERNOR = "ผู้ว่าราชการจังหวัดเพชรบุรี"
OFFICE = "สำนักงานจังหวัดเพชรบุรี"
ADMIN = "กลุ่มงานบริหารทรัพยากรทั่วไป"
DAMRONGDHAMA = "ศูนย์ดำรงธรรมจังหวัดเพชรบุรี"

# Pages of the other apps' demo that answer an item, found by slug below the home page: (slug, codes).
EXISTING_EVIDENCE = [
    ("oia-9-4-complaint-manual", "O14"),
    ("oia-9-8-invitation-meeting-room", "O20"),
    ("oia-9-8-winner-meeting-room", "O20"),
    ("commercial-registration", "O18"),
    ("complaints", "O18"),
]


def load(site) -> None:
    """Fill ``site``'s ITA section and tag the agency's existing pages so that every OIT 2566 item has evidence."""
    home = site.root_page
    section = IntegrityIndexPage.objects.child_of(home).first()
    items = _items(FRAMEWORK)
    if section is None or not items:
        return
    collection = AgencySettings.for_site(site).collection
    units = {unit.name: unit for unit in OrganisationUnit.objects.filter(site=site)}
    office, admin = units.get(OFFICE), units.get(ADMIN)

    _tag_existing(home, items)
    _procurement(section, items, admin)
    _people(section, items, office)
    _complaints(section, items, units.get(DAMRONGDHAMA))
    _risks_and_prevention(section, items, office)
    _item_pages(section, items, collection, office)
    _oit_2569(section, _items(FRAMEWORK_2569), office)


# -- ITA items through the pages' tags ---------------------------------------------------------------------------


def _tag_model():
    return Page._meta.get_field("ita_items").related_model


def _items(framework_name: str) -> dict:
    """The items of the national framework ``framework_name`` by code."""
    item_model = _tag_model()._meta.get_field("item").related_model
    return {
        item.code: item for item in item_model.objects.filter(framework__name=framework_name, framework__agency_type="")
    }


def _tags(items: dict, codes: str) -> list:
    tag = _tag_model()
    return [tag(item=items[code.strip()]) for code in codes.split(",") if code.strip() in items]


def _tag(page, items: dict, codes: str) -> None:
    """Add the tags ``codes`` that ``page`` lacks, in a published revision (a later publish keeps them)."""
    page = page.specific
    have = set(page.ita_items.values_list("item_id", flat=True))
    missing = [tag for tag in _tags(items, codes) if tag.item.pk not in have]
    if missing:
        page.ita_items = list(page.ita_items.all()) + missing
        page.save_revision().publish()


def _tag_existing(home, items) -> None:
    pages = Page.objects.descendant_of(home)
    for slug, codes in EXISTING_EVIDENCE:
        page = pages.filter(slug=slug).first()
        if page is not None:
            _tag(page, items, codes)
    # O8 Q&A: the questions-and-answers page where the agency has one, else its contact page (which takes questions).
    children = Page.objects.child_of(home)
    questions = children.filter(content_type__model="questionindexpage").first()
    contact = children.filter(content_type__model="contactpage").first()
    if questions or contact:
        _tag(questions or contact, items, "O8")


def _page(parent, model, slug, items, codes="", documents=(), **fields):
    """The child of ``parent`` with ``slug``, or a new published one with its tags and documents."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    fields.setdefault("information_class", InformationClass.ON_CHANGE)
    page = model(slug=slug, **fields)
    page.ita_items = _tags(items, codes)
    page.published_documents = [PageDocument(document=document) for document in documents]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# -- O19, O22 --------------------------------------------------------------------------------------------------------

PLAN_ROWS = [
    ("จ้างเหมาบริการทำความสะอาดอาคารศาลากลางจังหวัดเพชรบุรี", 1_260_000, ProcurementMethod.E_BIDDING, 10),
    ("จัดซื้อวัสดุสำนักงานประจำปี", 180_000, ProcurementMethod.E_MARKET, 11),
    ("จ้างซ่อมแซมหลังคาอาคารศูนย์ดำรงธรรมจังหวัดเพชรบุรี", 420_000, ProcurementMethod.SELECTION, 1),
    ("จัดซื้อเครื่องคอมพิวเตอร์สำหรับงานประมวลผล จำนวน 10 เครื่อง", 240_000, ProcurementMethod.E_MARKET, 2),
    ("จ้างจัดทำวีดิทัศน์ประชาสัมพันธ์เมืองสร้างสรรค์ด้านอาหาร", 95_000, ProcurementMethod.SPECIFIC, 4),
    ("จ้างปรับปรุงระบบไฟฟ้าห้องประชุมพระนครคีรี", 650_000, ProcurementMethod.E_BIDDING, 6),
]

REPORT_TOTALS = [
    (ProcurementMethod.SPECIFIC, 148, 2_315_480),
    (ProcurementMethod.SELECTION, 3, 1_104_000),
    (ProcurementMethod.E_MARKET, 9, 1_872_350),
    (ProcurementMethod.E_BIDDING, 4, 5_926_000),
]


def _procurement(section, items, unit) -> None:
    _page(
        section,
        ProcurementPlanPage,
        f"procurement-plan-{YEAR}",
        items,
        "O19",
        title=f"แผนการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {YEAR}",
        report_year=YEAR,
        approved_on=datetime.date(2024, 10, 18),
        summary=f"<p>แผนการจัดซื้อจัดจ้างของสำนักงานจังหวัดเพชรบุรี ที่ผู้ว่าราชการจังหวัดอนุมัติ "
        f"และประกาศในระบบจัดซื้อจัดจ้างภาครัฐแล้ว</p><p>{SAMPLE}</p>",
        responsible_unit=unit,
        plan_rows=[
            ProcurementPlanRow(
                project=project,
                budget=budget,
                method=method,
                expected_month=month,
                source_of_funds="งบประมาณรายจ่ายประจำปี",
                sort_order=n,
            )
            for n, (project, budget, method, month) in enumerate(PLAN_ROWS)
        ],
    )
    _page(
        section,
        ProcurementReportPage,
        f"procurement-report-{YEAR}",
        items,
        "O22",
        title=f"รายงานผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. {YEAR}",
        report_year=YEAR,
        summary="<p>สำนักงานจังหวัดเพชรบุรีดำเนินการจัดซื้อจัดจ้างรวม 164 โครงการ เบิกจ่ายได้ตามแผนร้อยละ 96.4 ของวงเงินที่ได้รับจัดสรร</p>",
        problems="ผู้เสนอราคาในงานจ้างซ่อมแซมอาคารมีน้อยราย ทำให้ต้องประกาศซ้ำ 1 โครงการ\n"
        "เจ้าหน้าที่พัสดุใหม่ยังไม่คุ้นเคยกับระบบ e-GP ทำให้การจัดทำเอกสารล่าช้าในไตรมาสแรก",
        improvements="จัดอบรมเจ้าหน้าที่พัสดุเรื่องระบบ e-GP ภายในไตรมาสแรกของปีถัดไป "
        "และประชาสัมพันธ์ประกาศเชิญชวนผ่านเว็บไซต์และช่องทางโซเชียลมีเดียของจังหวัดให้กว้างขึ้น",
        responsible_unit=unit,
        method_totals=[
            ProcurementMethodTotal(method=method, count=count, amount=amount, sort_order=n)
            for n, (method, count, amount) in enumerate(REPORT_TOTALS)
        ],
    )


# -- O23-O26 ---------------------------------------------------------------------------------------------------------

HR_PAGES = [
    (
        "hr-policy",
        HumanResourcesKind.POLICY,
        "O23",
        f"นโยบายการบริหารทรัพยากรบุคคล สำนักงานจังหวัดเพชรบุรี ปีงบประมาณ พ.ศ. {YEAR}",
        "นโยบาย 5 ด้าน: การสรรหาอย่างเป็นธรรม การพัฒนาสมรรถนะ การประเมินผลตามผลงาน "
        "การรักษาคนดีคนเก่ง และการส่งเสริมคุณภาพชีวิตและจริยธรรม",
        "<ol><li>สรรหาและเลือกสรรบุคลากรด้วยหลักคุณธรรม เปิดเผย และตรวจสอบได้</li>"
        "<li>พัฒนาบุคลากรทุกคนอย่างน้อย 10 ชั่วโมงต่อปี ตามแผนพัฒนารายบุคคล</li>"
        "<li>ประเมินผลการปฏิบัติราชการจากผลงานและพฤติกรรมที่วัดได้</li>"
        "<li>ยกย่องและรักษาบุคลากรที่มีผลงานดีเด่นและประพฤติตนเป็นแบบอย่าง</li>"
        "<li>ส่งเสริมความสมดุลระหว่างชีวิตและการทำงาน และการปฏิบัติตามประมวลจริยธรรม</li></ol>",
    ),
    (
        "hr-policy-implementation",
        HumanResourcesKind.IMPLEMENTATION,
        "O24",
        f"ผลการดำเนินการตามนโยบายการบริหารทรัพยากรบุคคล ปีงบประมาณ พ.ศ. {YEAR}",
        "โครงการและกิจกรรมที่ดำเนินการตามนโยบายทั้ง 5 ด้าน",
        "<ul><li>สรรหาพนักงานราชการ 2 ตำแหน่ง ประกาศผลการเลือกสรรบนเว็บไซต์</li>"
        "<li>อบรมหลักสูตรการเขียนหนังสือราชการและการใช้ระบบสารบรรณอิเล็กทรอนิกส์ ผู้เข้าร่วม 64 คน</li>"
        "<li>มอบรางวัลข้าราชการดีเด่นประจำปี 3 ราย</li></ul>",
    ),
    (
        "hr-criteria",
        HumanResourcesKind.CRITERIA,
        "O25",
        "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล สำนักงานจังหวัดเพชรบุรี",
        "หลักเกณฑ์การสรรหา การแต่งตั้ง การพัฒนา การประเมินผล การให้คุณให้โทษ และการเลื่อนเงินเดือน",
        "<h2>การสรรหาและเลือกสรร</h2><p>ประกาศรับสมัครไม่น้อยกว่า 5 วันทำการ และแต่งตั้งคณะกรรมการเลือกสรร"
        "อย่างน้อย 3 คน</p><h2>การประเมินผลการปฏิบัติราชการ</h2><p>ประเมินปีละ 2 รอบ "
        "ผลสัมฤทธิ์ของงานร้อยละ 70 และพฤติกรรมการปฏิบัติราชการร้อยละ 30</p>",
    ),
    (
        "hr-report",
        HumanResourcesKind.YEARLY_REPORT,
        "O26",
        f"รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. {YEAR}",
        "บุคลากรได้รับการพัฒนาครบตามแผนร้อยละ 94 อัตราการลาออกร้อยละ 2.1",
        "<p>บุคลากรของสำนักงานจังหวัดเพชรบุรี 86 คน ได้รับการพัฒนาตามแผนพัฒนารายบุคคลครบ 81 คน "
        "ผลสำรวจความผูกพันต่อองค์กรเฉลี่ย 4.12 จาก 5 คะแนน</p>",
    ),
]


def _people(section, items, unit) -> None:
    for slug, kind, code, title, summary, body in HR_PAGES:
        _page(
            section,
            HumanResourcesPage,
            slug,
            items,
            code,
            title=title,
            kind=kind,
            report_year=YEAR,
            issued_on=datetime.date(2024, 10, 7)
            if kind != HumanResourcesKind.YEARLY_REPORT
            else datetime.date(2025, 10, 20),
            signed_by=GOVERNOR,
            summary=summary,
            body=body,
            responsible_unit=unit,
        )


# -- O27-O29 ---------------------------------------------------------------------------------------------------------

# (fiscal year, quarter or None for the whole year, type, received, in progress, closed): 2568 by quarter (OIT 2569's
# O18 asks for quarters), 2567 for the whole year.
COMPLAINT_STATISTICS = [
    (2568, 1, "การจัดซื้อจัดจ้าง", 1, 0, 1),
    (2568, 1, "การปฏิบัติหน้าที่โดยมิชอบ", 2, 0, 2),
    (2568, 2, "การปฏิบัติหน้าที่โดยมิชอบ", 1, 0, 1),
    (2568, 2, "การเรียกรับสินบน", 1, 0, 1),
    (2568, 3, "การจัดซื้อจัดจ้าง", 1, 0, 1),
    (2568, 3, "การปฏิบัติหน้าที่โดยมิชอบ", 1, 0, 1),
    (2568, 4, "การจัดซื้อจัดจ้าง", 1, 1, 0),
    (2568, 4, "การปฏิบัติหน้าที่โดยมิชอบ", 1, 1, 0),
    (2567, None, "การจัดซื้อจัดจ้าง", 2, 0, 2),
    (2567, None, "การปฏิบัติหน้าที่โดยมิชอบ", 4, 0, 4),
]


def _complaints(section, items, unit) -> None:
    _page(
        section,
        ComplaintsPage,
        "corruption-complaints",
        items,
        "O27, O28, O29",
        title="การจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ",
        guideline="<ol><li>รับเรื่องจากทุกช่องทางและลงทะเบียนภายในวันที่ได้รับ</li>"
        "<li>แจ้งผู้ร้องว่าได้รับเรื่องแล้วภายใน 3 วันทำการ (เมื่อผู้ร้องให้ช่องทางติดต่อไว้)</li>"
        "<li>ตรวจสอบข้อเท็จจริงโดยผู้ที่ไม่มีส่วนได้เสีย และเสนอผู้ว่าราชการจังหวัดภายใน 30 วัน</li>"
        "<li>ส่งต่อหน่วยงานที่มีอำนาจ (เช่น สำนักงาน ป.ป.ช. หรือ ป.ป.ท.) เมื่อเรื่องอยู่นอกอำนาจของจังหวัด</li>"
        "<li>แจ้งผลให้ผู้ร้องทราบ และรายงานสถิติเรื่องร้องเรียนทุกสิ้นปีงบประมาณ</li></ol>"
        f"<p>{SAMPLE}</p>",
        channel_url="https://www.damrongdhama.moi.go.th/",
        channel_email="anticorruption.demo@phetchaburi.example",
        channel_phone="1567",
        channel_address="ศูนย์ดำรงธรรมจังหวัดเพชรบุรี ชั้น 1 ศาลากลางจังหวัดเพชรบุรี ถนนราชวิถี "
        "ตำบลคลองกระแชง อำเภอเมืองเพชรบุรี จังหวัดเพชรบุรี 76000",
        confidentiality_note="จังหวัดเพชรบุรีเก็บชื่อ ที่อยู่ และข้อมูลของผู้ร้องเรียนเป็นความลับ และคุ้มครองผู้ร้องเรียนและพยานตามกฎหมาย",
        responsible_unit=unit,
        statistics=[
            ComplaintStatistic(
                fiscal_year=year,
                quarter=quarter,
                complaint_type=kind,
                received=received,
                in_progress=pending,
                closed=closed,
                sort_order=n,
            )
            for n, (year, quarter, kind, received, pending, closed) in enumerate(COMPLAINT_STATISTICS)
        ],
    )


# -- O34-O38 ---------------------------------------------------------------------------------------------------------

RISKS = [
    (
        "การจัดซื้อจัดจ้าง",
        "กำหนดคุณลักษณะเฉพาะของพัสดุเอื้อประโยชน์แก่ผู้ขายบางราย",
        3,
        4,
        "ให้คณะกรรมการกำหนดคุณลักษณะอย่างน้อย 3 คน และเผยแพร่ร่างขอบเขตงานรับฟังความคิดเห็น",
        "กลุ่มงานบริหารทรัพยากรทั่วไป",
        "เผยแพร่ร่างขอบเขตงานครบทุกโครงการที่ใช้วิธี e-bidding (4 โครงการ) ไม่มีข้อร้องเรียน",
    ),
    (
        "การอนุมัติ อนุญาต",
        "เจ้าหน้าที่เรียกรับประโยชน์เพื่อเร่งรัดการพิจารณาคำขอ",
        2,
        4,
        "ประกาศขั้นตอนและระยะเวลาในคู่มือสำหรับประชาชน และเปิดให้ติดตามสถานะคำขอได้",
        "ทุกกลุ่มงานที่ให้บริการ",
        "เผยแพร่คู่มือสำหรับประชาชนครบทุกกระบวนงาน",
    ),
    (
        "การใช้ทรัพย์สินของราชการ",
        "ใช้รถยนต์ราชการเพื่อประโยชน์ส่วนตน",
        2,
        2,
        "บันทึกการใช้รถทุกครั้งและตรวจสอบเลขไมล์รายเดือน",
        "กลุ่มงานบริหารทรัพยากรทั่วไป",
        "",
    ),
]

PREVENTION_ACTIVITIES = [
    ("ประกาศเจตนารมณ์ต่อต้านการทุจริตและนโยบาย No Gift Policy", None, "ตุลาคม 2567", OFFICE, "ประกาศภายในเดือนตุลาคม"),
    ("อบรมประมวลจริยธรรมและการป้องกันผลประโยชน์ทับซ้อน", 45_000, "มกราคม - มีนาคม 2568", ADMIN, "ผู้เข้าอบรมร้อยละ 80"),
    ("ประเมินความเสี่ยงการทุจริตประจำปี", None, "พฤศจิกายน 2567", OFFICE, "รายงานผลการประเมินเสนอผู้บริหาร"),
    ("เผยแพร่ข้อมูลตามตัวชี้วัด OIT บนเว็บไซต์ให้ครบถ้วน", None, "ตลอดปีงบประมาณ", OFFICE, "ครบทุกตัวชี้วัด"),
]


def _risk_rows(with_actions: bool) -> list:
    """The demo's risks; the actions taken only where the year is over (a plan of the year assessed has none yet)."""
    return [
        RiskRow(
            process=process,
            risk=risk,
            likelihood=likelihood,
            impact=impact,
            control_measures=measures,
            responsible=responsible,
            actions_taken=actions if with_actions else "",
            sort_order=n,
        )
        for n, (process, risk, likelihood, impact, measures, responsible, actions) in enumerate(RISKS)
    ]


def _risks_and_prevention(section, items, unit) -> None:
    _page(
        section,
        RiskAssessmentPage,
        f"corruption-risk-assessment-{YEAR}",
        items,
        "O34, O35",
        title=f"การประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. {YEAR}",
        report_year=YEAR,
        summary="<p>ประเมินกระบวนงานที่มีความเสี่ยงตามแนวทางของสำนักงาน ป.ป.ช. "
        "ด้านการจัดซื้อจัดจ้าง การอนุมัติอนุญาต และการใช้ทรัพย์สินของราชการ</p>",
        responsible_unit=unit,
        risks=_risk_rows(with_actions=True),
    )
    plan = _page(
        section,
        PreventionPlanPage,
        f"anti-corruption-plan-{YEAR}",
        items,
        "O36",
        title=f"แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. {YEAR}",
        report_year=YEAR,
        approved_on=datetime.date(2024, 10, 25),
        summary="<p>แผนปฏิบัติการป้องกันการทุจริตของจังหวัดเพชรบุรี สอดคล้องกับยุทธศาสตร์ชาติว่าด้วยการป้องกันและปราบปรามการทุจริต</p>",
        responsible_unit=unit,
        activities=[
            PreventionActivity(
                activity=activity, budget=budget, period=period, responsible=who, indicator=indicator, sort_order=n
            )
            for n, (activity, budget, period, who, indicator) in enumerate(PREVENTION_ACTIVITIES)
        ],
    )
    for slug, period, code, title, statuses, summary in (
        (
            f"anti-corruption-report-half-{YEAR}",
            PreventionReportPeriod.HALF_YEAR,
            "O37",
            f"รายงานการกำกับติดตามการดำเนินการป้องกันการทุจริต รอบ 6 เดือน ปีงบประมาณ พ.ศ. {YEAR}",
            (ActivityStatus.DONE, ActivityStatus.IN_PROGRESS, ActivityStatus.DONE, ActivityStatus.IN_PROGRESS),
            "<p>ดำเนินการแล้วเสร็จ 2 กิจกรรม อยู่ระหว่างดำเนินการ 2 กิจกรรม (ข้อมูล ณ 31 มีนาคม 2568)</p>",
        ),
        (
            f"anti-corruption-report-{YEAR}",
            PreventionReportPeriod.YEAR,
            "O38",
            f"รายงานผลการดำเนินการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. {YEAR}",
            (ActivityStatus.DONE,) * 4,
            "<p>ดำเนินการแล้วเสร็จครบทั้ง 4 กิจกรรม ใช้งบประมาณ 42,850 บาท</p>",
        ),
    ):
        _page(
            plan,
            PreventionReportPage,
            slug,
            items,
            code,
            title=title,
            period=period,
            report_year=YEAR,
            summary=summary,
            problems="กิจกรรมอบรมเลื่อนจากเดือนมกราคมเป็นเดือนมีนาคม เนื่องจากภารกิจงานเทศกาลของจังหวัด"
            if period == PreventionReportPeriod.HALF_YEAR
            else "",
            responsible_unit=unit,
            results=[
                PreventionResult(activity=activity[0], status=status, result="", sort_order=n)
                for n, (activity, status) in enumerate(zip(PREVENTION_ACTIVITIES, statuses, strict=True))
            ],
        )


# -- O9, O17, O30-O33, O39-O43, the appointment order ------------------------------------------------------------

SOCIAL_ACCOUNTS = [
    ("Facebook", "เพจ ประชาสัมพันธ์จังหวัดเพชรบุรี (ตัวอย่าง)", "https://www.facebook.com/phetchaburi.demo"),
    ("LINE Official Account", "@phetchaburi-demo", "https://line.me/R/ti/p/@phetchaburi-demo"),
    ("YouTube", "ช่อง เพชรบุรีวันนี้ (ตัวอย่าง)", "https://www.youtube.com/@phetchaburi-demo"),
    ("X", "@PhetchaburiDemo", "https://x.com/PhetchaburiDemo"),
]

# (slug, kind, codes, title, summary, body, date)
ITEM_PAGES = [
    (
        "participation",
        IntegrityItemKind.PARTICIPATION,
        "O30",
        "การเปิดโอกาสให้ประชาชนมีส่วนร่วมในการดำเนินงานของจังหวัดเพชรบุรี",
        "ประชาคมรับฟังความคิดเห็นต่อร่างแผนพัฒนาจังหวัด และช่องทางเสนอความคิดเห็นออนไลน์",
        "<p>จังหวัดเพชรบุรีจัดเวทีประชาคมรับฟังความคิดเห็นต่อร่างแผนพัฒนาจังหวัด 8 อำเภอ "
        "มีผู้เข้าร่วม 412 คน และเปิดรับความคิดเห็นทางเว็บไซต์เป็นเวลา 30 วัน "
        "ความคิดเห็นที่ได้รับนำไปปรับปรุงโครงการด้านการบริหารจัดการน้ำและการท่องเที่ยวเชิงอาหาร</p>",
        datetime.date(2025, 2, 14),
    ),
    (
        "no-gift-policy",
        IntegrityItemKind.NO_GIFT_ANNOUNCEMENT,
        "O31",
        f"ประกาศเจตนารมณ์นโยบายไม่รับของขวัญและของกำนัลทุกชนิดจากการปฏิบัติหน้าที่ (No Gift Policy) ปี {YEAR}",
        "ผู้ว่าราชการจังหวัดเพชรบุรีประกาศให้ผู้บริหารและบุคลากรทุกคนงดให้และงดรับของขวัญจากการปฏิบัติหน้าที่",
        "<p>ผู้บริหารและเจ้าหน้าที่ของจังหวัดเพชรบุรีทุกคนจะไม่รับ ไม่ให้ และไม่เรียกรับของขวัญ ของกำนัล "
        "หรือประโยชน์อื่นใดจากการปฏิบัติหน้าที่ ทั้งในเทศกาลและโอกาสอื่น "
        "เว้นแต่การรับโดยธรรมจรรยาตามที่กฎหมายกำหนด</p>",
        datetime.date(2024, 10, 1),
    ),
    (
        "no-gift-culture",
        IntegrityItemKind.NO_GIFT_CULTURE,
        "O32",
        "กิจกรรมสร้างวัฒนธรรม No Gift Policy ของจังหวัดเพชรบุรี",
        'ประชาสัมพันธ์นโยบายในช่วงเทศกาล และกิจกรรม "ส่งความสุขด้วยคำอวยพร" แทนการให้ของขวัญ',
        "<p>จัดทำป้ายและสื่อประชาสัมพันธ์นโยบาย No Gift Policy ติดตั้งที่จุดบริการประชาชน "
        "และรณรงค์ให้บุคลากรส่งความสุขด้วยบัตรอวยพรอิเล็กทรอนิกส์ในเทศกาลปีใหม่</p>",
        datetime.date(2024, 12, 20),
    ),
    (
        "no-gift-report",
        IntegrityItemKind.NO_GIFT_REPORT,
        "O33",
        f"รายงานผลตามนโยบาย No Gift Policy ประจำปีงบประมาณ พ.ศ. {YEAR}",
        "ไม่พบการรับของขวัญหรือประโยชน์อื่นใดที่ขัดต่อนโยบาย",
        "<p>ตลอดปีงบประมาณไม่พบการรับหรือให้ของขวัญที่ขัดต่อนโยบาย "
        "มีการรายงานการรับของขวัญโดยธรรมจรรยา 2 รายการ ซึ่งส่งมอบเป็นทรัพย์สินของทางราชการแล้ว</p>",
        datetime.date(2025, 10, 15),
    ),
    (
        "ethics-code",
        IntegrityItemKind.ETHICS_CODE,
        "O39",
        "ประมวลจริยธรรมข้าราชการพลเรือน และข้อกำหนดจริยธรรมของจังหวัดเพชรบุรี",
        "มาตรฐานทางจริยธรรมตามพระราชบัญญัติมาตรฐานทางจริยธรรม พ.ศ. 2562",
        "<ol><li>ยึดมั่นในสถาบันหลักของประเทศ</li><li>ซื่อสัตย์สุจริต มีจิตสำนึกที่ดี และรับผิดชอบต่อหน้าที่</li>"
        "<li>กล้าตัดสินใจและกระทำในสิ่งที่ถูกต้องชอบธรรม</li><li>คิดถึงประโยชน์ส่วนรวมมากกว่าประโยชน์ส่วนตัว</li>"
        "<li>มุ่งผลสัมฤทธิ์ของงาน</li><li>ปฏิบัติหน้าที่อย่างเป็นธรรมและไม่เลือกปฏิบัติ</li>"
        "<li>ดำรงตนเป็นแบบอย่างที่ดีและรักษาภาพลักษณ์ของทางราชการ</li></ol>",
        datetime.date(2024, 10, 1),
    ),
    (
        "ethics-promotion",
        IntegrityItemKind.ETHICS_PROMOTION,
        "O40",
        f"การขับเคลื่อนจริยธรรมของจังหวัดเพชรบุรี ปีงบประมาณ พ.ศ. {YEAR}",
        "คณะกรรมการจริยธรรม แผนส่งเสริมจริยธรรม และกิจกรรมยกย่องบุคลากรต้นแบบ",
        "<p>แต่งตั้งคณะกรรมการจริยธรรมประจำจังหวัด จัดอบรมเรื่องจริยธรรมให้บุคลากรใหม่ "
        "และคัดเลือกบุคลากรต้นแบบด้านคุณธรรมจริยธรรมประจำปี 2 ราย (ชื่อสมมติ: นางสาวสายใจ ใจดี "
        "และนายมานะ ตั้งใจ)</p>",
        datetime.date(2025, 3, 5),
    ),
    (
        "ethics-assessment",
        IntegrityItemKind.ETHICS_ASSESSMENT,
        "O41",
        f"ผลการประเมินจริยธรรมของเจ้าหน้าที่ของรัฐ ประจำปีงบประมาณ พ.ศ. {YEAR}",
        "ผลการประเมินการรับรู้และการปฏิบัติตามประมวลจริยธรรมของบุคลากร",
        "<p>บุคลากรตอบแบบประเมิน 79 คน จาก 86 คน คะแนนเฉลี่ยการรับรู้ประมวลจริยธรรม 4.35 จาก 5 "
        "ไม่พบการฝ่าฝืนประมวลจริยธรรมที่ร้ายแรง</p>",
        datetime.date(2025, 9, 30),
    ),
    (
        "integrity-measures",
        IntegrityItemKind.INTEGRITY_MEASURES,
        "O42",
        f"มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในจังหวัดเพชรบุรี ปีงบประมาณ พ.ศ. {YEAR}",
        "มาตรการที่กำหนดจากผลการประเมิน ITA ปีที่ผ่านมา พร้อมผู้รับผิดชอบและกำหนดเวลา",
        "<ul><li>เผยแพร่ข้อมูลตามตัวชี้วัด OIT ให้ครบถ้วนและเป็นปัจจุบันภายในเดือนมีนาคม</li>"
        "<li>ลดขั้นตอนและเปิดเผยระยะเวลาการให้บริการในคู่มือสำหรับประชาชนทุกกระบวนงาน</li>"
        "<li>เปิดช่องทางร้องเรียนการทุจริตที่ผู้ร้องไม่ต้องเปิดเผยตัวตน</li></ul>",
        datetime.date(2024, 11, 15),
    ),
    (
        "integrity-measures-report",
        IntegrityItemKind.INTEGRITY_MEASURES_REPORT,
        "O43",
        f"ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ปีงบประมาณ พ.ศ. {YEAR}",
        "ดำเนินการครบทุกมาตรการ รายละเอียดตามเอกสารแนบ",
        "<p>เผยแพร่ข้อมูลตามตัวชี้วัด OIT ครบทุกข้อภายในเดือนกุมภาพันธ์ ปรับปรุงคู่มือสำหรับประชาชน 12 กระบวนงาน "
        "และเปิดแบบฟอร์มร้องเรียนออนไลน์ที่ไม่ต้องระบุตัวตน</p>",
        datetime.date(2025, 9, 25),
    ),
]


def _item_pages(section, items, collection, unit) -> None:
    for slug, kind, codes, title, summary, body, date in ITEM_PAGES:
        documents = []
        if kind == IntegrityItemKind.NO_GIFT_ANNOUNCEMENT:
            documents.append(
                _pdf(collection, title, f"{title}.pdf", body + f"<p>ประกาศ ณ วันที่ 1 ตุลาคม 2567</p><p>{GOVERNOR}</p>")
            )
        _page(
            section,
            IntegrityItemPage,
            slug,
            items,
            codes,
            documents,
            title=title,
            kind=kind,
            issued_on=date,
            issued_by=GOVERNOR,
            summary=summary,
            body=f"{body}<p>{SAMPLE}</p>",
            responsible_unit=unit,
            fiscal_year=YEAR,
        )
    _appointment(section, collection, unit)
    _social_networks(section, items, unit)
    _satisfaction_survey(section, items, collection, unit)


def _pdf(collection, title, filename, body_html):
    return document_create(
        collection, title, filename, pdf_from_html(title, body_html), DocumentKind.OTHER, fiscal_year=YEAR
    )


WORKING_GROUP = [
    ("รองผู้ว่าราชการจังหวัดเพชรบุรี (นายสมชาย ตัวอย่าง)", "ประธานคณะทำงาน"),
    ("ปลัดจังหวัดเพชรบุรี (นางวิมลรัตน์ สมมติ)", "รองประธานคณะทำงาน"),
    ("หัวหน้ากลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด (นายประเสริฐ ทดลอง)", "คณะทำงาน"),
    ("หัวหน้ากลุ่มงานบริหารทรัพยากรทั่วไป (นางสาวกมลา ตัวอย่าง)", "คณะทำงาน"),
    ("หัวหน้าศูนย์ดำรงธรรมจังหวัดเพชรบุรี (นายวีระ สมมติ)", "คณะทำงาน"),
    ("นักวิเคราะห์นโยบายและแผนชำนาญการ (นางสาวพิมพ์ชนก ทดลอง)", "คณะทำงานและเลขานุการ"),
]
WEBSITE_ADMINISTRATORS = [
    ("นักวิชาการคอมพิวเตอร์ชำนาญการ (นายธนากร ตัวอย่าง)", "ผู้ดูแลระบบเว็บไซต์"),
    ("เจ้าพนักงานธุรการชำนาญงาน (นางสาวอรุณี สมมติ)", "ผู้ดูแลระบบเว็บไซต์ (สำรอง)"),
]


def _appointment(section, collection, unit) -> None:
    """The order appointing the working group and the website administrators (the announcement, sections 3-4)."""
    title = "คำสั่งจังหวัดเพชรบุรี ที่ 2145/2567 เรื่อง แต่งตั้งคณะทำงานเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ และผู้ดูแลระบบเว็บไซต์"

    def rows(people):
        return "".join(f"<li>{html.escape(who)} — {html.escape(role)}</li>" for who, role in people)

    body = (
        "<p>ตามประกาศจังหวัดเพชรบุรี เรื่อง แนวทางการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน "
        "ลงวันที่ 1 พฤษภาคม 2561 จึงแต่งตั้งผู้มีรายชื่อต่อไปนี้</p>"
        f"<h2>1. คณะทำงานเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์</h2><ol>{rows(WORKING_GROUP)}</ol>"
        "<p>มีหน้าที่จัดประเภทข้อมูล ตรวจสอบความถูกต้อง ความครบถ้วน ความเป็นปัจจุบัน และความเหมาะสม "
        "เสนอขออนุมัติเผยแพร่ข้อมูล และรายงานผู้บริหารเป็นรายไตรมาส</p>"
        f"<h2>2. ผู้ดูแลระบบเว็บไซต์</h2><ol>{rows(WEBSITE_ADMINISTRATORS)}</ol>"
        "<p>มีหน้าที่นำข้อมูลที่ได้รับอนุมัติขึ้นเผยแพร่ตามระยะเวลาที่กำหนด ปรับปรุงข้อมูลให้เป็นปัจจุบัน "
        "และจัดทำรายงานผลการเผยแพร่และการปรับปรุงข้อมูล ประจำปีงบประมาณ</p>"
        "<p>สั่ง ณ วันที่ 1 ตุลาคม 2567</p>"
    )
    document = _pdf(collection, title, "คำสั่งแต่งตั้งคณะทำงานเผยแพร่ข้อมูล 2567.pdf", body)
    _page(
        section,
        IntegrityItemPage,
        "publishing-working-group-order",
        _items(APPOINTMENT_FRAMEWORK),
        APPOINTMENT_CODE,
        [document],
        title=title,
        kind=IntegrityItemKind.APPOINTMENT,
        issued_on=datetime.date(2024, 10, 1),
        issued_by=GOVERNOR,
        summary="แต่งตั้งคณะทำงานเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ (คณะทำงานฯ) และผู้ดูแลระบบเว็บไซต์ "
        "ตามประกาศจังหวัดเพชรบุรี ลงวันที่ 1 พฤษภาคม 2561",
        body=f"{body}<p>{SAMPLE}</p>",
        responsible_unit=unit,
        fiscal_year=YEAR,
    )


def _social_networks(section, items, unit) -> None:
    accounts = "".join(
        f'<li><b>{html.escape(platform)}</b>: <a href="{url}">{html.escape(name)}</a></li>'
        for platform, name, url in SOCIAL_ACCOUNTS
    )
    _page(
        section,
        IntegrityItemPage,
        "social-networks",
        items,
        "O9",
        title="ช่องทางสื่อสังคมออนไลน์ (Social Network) ของจังหวัดเพชรบุรี",
        kind=IntegrityItemKind.OTHER,
        summary="ติดตามข่าวสารและสอบถามจังหวัดเพชรบุรีได้ทางบัญชีสื่อสังคมออนไลน์ทางการด้านล่าง",
        body=f"<ul>{accounts}</ul><p>{SAMPLE}</p>",
        responsible_unit=unit,
    )


def _satisfaction_survey(section, items, collection, unit) -> None:
    title = f"รายงานผลการสำรวจความพึงพอใจการให้บริการ ประจำปีงบประมาณ พ.ศ. {YEAR}"
    rows = [
        ["ความพึงพอใจต่อขั้นตอนการให้บริการ", 4.31],
        ["ความพึงพอใจต่อเจ้าหน้าที่ผู้ให้บริการ", 4.52],
        ["ความพึงพอใจต่อสิ่งอำนวยความสะดวก", 4.08],
        ["ความพึงพอใจต่อคุณภาพการให้บริการ", 4.40],
    ]
    document = document_create(
        collection,
        title,
        "ผลสำรวจความพึงพอใจ 2568.xlsx",
        xlsx_from_rows("ผลสำรวจ 2568", ["ประเด็น", "คะแนนเฉลี่ย (เต็ม 5)"], rows),
        DocumentKind.REPORT,
        fiscal_year=YEAR,
    )
    _page(
        section,
        IntegrityItemPage,
        f"satisfaction-survey-{YEAR}",
        items,
        "O17",
        [document],
        title=title,
        kind=IntegrityItemKind.OTHER,
        issued_on=datetime.date(2025, 10, 10),
        summary="ผู้รับบริการตอบแบบสำรวจ 1,236 ราย ความพึงพอใจเฉลี่ย 4.33 จาก 5 คะแนน (ร้อยละ 86.6)",
        body="<ul>" + "".join(f"<li>{name}: {score:.2f}</li>" for name, score in rows) + f"</ul><p>{SAMPLE}</p>",
        responsible_unit=unit,
        fiscal_year=YEAR,
    )


# -- OIT 2569: O10, O18, O19, O20, O25, O26 --------------------------------------------------------------------------

E_SERVICE_HOST = "https://eservice.phetchaburi.example"
# (name, url, purpose, hours, slug of its citizen's manual or "", monthly uses from October 2568 to September 2569)
E_SERVICES = [
    (
        "ระบบนัดหมายขอรับบริการล่วงหน้า",
        f"{E_SERVICE_HOST}/appointment",
        "จองวันและเวลาขอรับบริการที่ศาลากลางจังหวัดเพชรบุรีล่วงหน้า ลดเวลารอคิวที่จุดบริการ",
        "ตลอด 24 ชั่วโมง",
        "",
        (412, 388, 305, 451, 437, 470, 352, 429, 446, 418, 463, 398),
    ),
    (
        "ระบบยื่นคำขอจดทะเบียนพาณิชย์ออนไลน์",
        f"{E_SERVICE_HOST}/commercial-registration",
        "ยื่นคำขอจดทะเบียนพาณิชย์ (ตั้งใหม่ เปลี่ยนแปลง เลิก) และชำระค่าธรรมเนียมโดยไม่ต้องเดินทางมาที่หน่วยงาน",
        "ตลอด 24 ชั่วโมง (เจ้าหน้าที่ตรวจคำขอในวันและเวลาราชการ)",
        "commercial-registration",
        (96, 88, 71, 124, 103, 97, 66, 92, 85, 90, 101, 79),
    ),
    (
        "ระบบขอใช้ห้องประชุมศาลากลางจังหวัด",
        f"{E_SERVICE_HOST}/meeting-room",
        "ตรวจสอบห้องว่างและยื่นคำขอใช้ห้องประชุมพระนครคีรีและห้องประชุมย่อยของศาลากลางจังหวัด",
        "วันจันทร์ - วันศุกร์ เวลา 08.30 - 16.30 น. (ยกเว้นวันหยุดราชการ)",
        "",
        (38, 41, 27, 45, 43, 39, 22, 40, 44, 37, 42, 35),
    ),
]

PARTICIPATION_ACTIVITIES = [
    (
        "เวทีประชาคมรับฟังความคิดเห็นต่อร่างแผนพัฒนาจังหวัดเพชรบุรี (ฉบับทบทวน) พ.ศ. 2570",
        ParticipationKind.HEARING,
        datetime.date(2025, 11, 20),
        "เปิดเวทีประชาคม 8 อำเภอ และรับความคิดเห็นเพิ่มเติมทางแบบฟอร์มออนไลน์เป็นเวลา 30 วัน "
        "ประกาศเชิญชวนทางเว็บไซต์ เพจจังหวัด และหอกระจายข่าวของหมู่บ้าน",
        436,
        "ประชาชนเสนอให้เร่งแก้ปัญหาน้ำท่วมขังในเขตเทศบาล และส่งเสริมการท่องเที่ยวเชิงอาหารในชุมชน",
        "เพิ่มโครงการขุดลอกคลองระบายน้ำ 2 สาย และโครงการเส้นทางอาหารถิ่นเพชรบุรีในแผนพัฒนาจังหวัด",
    ),
    (
        "สำรวจความคิดเห็นผู้รับบริการต่อระบบนัดหมายขอรับบริการล่วงหน้า",
        ParticipationKind.SURVEY,
        datetime.date(2026, 2, 16),
        "ตอบแบบสำรวจออนไลน์ผ่านลิงก์ในระบบนัดหมาย และแบบสอบถามกระดาษที่จุดบริการ",
        612,
        "ผู้รับบริการร้อยละ 87 พึงพอใจ ผู้สูงอายุขอให้มีช่องทางนัดหมายทางโทรศัพท์",
        "เปิดนัดหมายทางโทรศัพท์ที่ศูนย์ดำรงธรรมจังหวัดเพชรบุรีตั้งแต่เดือนเมษายน 2569",
    ),
    (
        "ประชุมร่วมภาคประชาสังคมเพื่อติดตามการใช้จ่ายงบประมาณโครงการพัฒนาแหล่งท่องเที่ยว",
        ParticipationKind.MEETING,
        datetime.date(2026, 6, 11),
        "ผู้แทนชมรมต่อต้านการทุจริตจังหวัด สภาองค์กรชุมชน และหอการค้าจังหวัดเข้าร่วมประชุมและตรวจดูพื้นที่โครงการ",
        42,
        "ภาคประชาสังคมขอให้เปิดเผยความก้าวหน้าของโครงการและผลการเบิกจ่ายเป็นรายไตรมาส",
        "เผยแพร่ความก้าวหน้าโครงการรายไตรมาสบนเว็บไซต์ของจังหวัด",
    ),
]

MEASURES_2569 = [
    (
        "การเปิดเผยข้อมูลสาธารณะยังไม่เป็นปัจจุบันในบางตัวชี้วัด",
        "กำหนดผู้รับผิดชอบข้อมูลรายตัวชี้วัด และให้คณะทำงานฯ ตรวจความเป็นปัจจุบันทุกไตรมาส",
        "คณะทำงานเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์",
        "ตุลาคม 2568 - กันยายน 2569",
        "ข้อมูลครบและเป็นปัจจุบันทุกตัวชี้วัดภายในเดือนกุมภาพันธ์ 2569",
    ),
    (
        "ผู้รับบริการบางส่วนยังไม่ทราบช่องทางแจ้งเรื่องร้องเรียนการทุจริต",
        "ติดป้ายช่องทางร้องเรียนที่จุดบริการทุกจุด และประชาสัมพันธ์ทางเพจจังหวัดทุกเดือน",
        DAMRONGDHAMA,
        "พฤศจิกายน 2568 - มีนาคม 2569",
        "ผู้รับบริการที่ตอบแบบสำรวจรู้จักช่องทางร้องเรียนร้อยละ 80",
    ),
    (
        "การรับรู้หลักเกณฑ์การรับทรัพย์สินโดยธรรมจรรยาของบุคลากรใหม่",
        "บรรจุเรื่อง No Gift Policy และการรับทรัพย์สินโดยธรรมจรรยาในการปฐมนิเทศบุคลากรใหม่ทุกรุ่น",
        ADMIN,
        "ตลอดปีงบประมาณ 2569",
        "",
    ),
]

MEASURE_RESULTS_2568 = [
    (
        "เผยแพร่ข้อมูลตามตัวชี้วัด OIT ให้ครบถ้วนและเป็นปัจจุบันภายในเดือนมีนาคม",
        ActivityStatus.DONE,
        "เผยแพร่ครบทุกตัวชี้วัดภายในเดือนกุมภาพันธ์ 2568",
    ),
    (
        "ลดขั้นตอนและเปิดเผยระยะเวลาการให้บริการในคู่มือสำหรับประชาชนทุกกระบวนงาน",
        ActivityStatus.DONE,
        "ปรับปรุงคู่มือสำหรับประชาชน 12 กระบวนงาน ลดระยะเวลาเฉลี่ยจาก 7 วันทำการเหลือ 5 วันทำการ",
    ),
    (
        "เปิดช่องทางร้องเรียนการทุจริตที่ผู้ร้องไม่ต้องเปิดเผยตัวตน",
        ActivityStatus.IN_PROGRESS,
        "เปิดแบบฟอร์มออนไลน์แล้ว อยู่ระหว่างประชาสัมพันธ์ให้ประชาชนรู้จัก",
    ),
]


def _oit_2569(section, items, unit) -> None:
    """OIT 2569's structured evidence: the pages of its plan year (2569) and the report of 2568 under the measures
    page; and the complaints page (its 2568 statistics are by quarter) tagged for O16-O18."""
    complaints = section.get_children().filter(slug="corruption-complaints").first()
    if complaints is not None:
        _tag(complaints, items, "O16, O17, O18")
    _e_services(section, items, unit)
    _participation(section, items, unit)
    _no_gift(section, items, unit)
    _measures(section, items, unit)
    _plans_2569(section, items, unit)


def _plans_2569(section, items, unit) -> None:
    """The plans OIT 2569 asks of its own year: human resources criteria and plan (O13), the code of ethics and its
    driving in 2569 (O15), the corruption risk assessment (O21) and the prevention plan (O23); the 2568 pages answer
    the reports of the year before."""
    _page(
        section,
        IntegrityItemPage,
        f"ethics-{PLANS_2569}",
        items,
        "O15",
        title=f"ประมวลจริยธรรมและการขับเคลื่อนจริยธรรมของจังหวัดเพชรบุรี ปีงบประมาณ พ.ศ. {PLANS_2569}",
        kind=IntegrityItemKind.ETHICS_PROMOTION,
        issued_on=datetime.date(2025, 10, 20),
        issued_by=GOVERNOR,
        summary="ประมวลจริยธรรมที่ใช้กับบุคลากร คณะทำงานขับเคลื่อนจริยธรรม และกิจกรรมส่งเสริมจริยธรรมของปี",
        body="<h2>ประมวลจริยธรรม</h2><p>มาตรฐานทางจริยธรรมตามพระราชบัญญัติมาตรฐานทางจริยธรรม พ.ศ. 2562 "
        "และข้อกำหนดจริยธรรมของจังหวัดเพชรบุรี (ดูหน้าประมวลจริยธรรม)</p><h2>การขับเคลื่อนในปี 2569</h2><ul>"
        "<li>คำสั่งแต่งตั้งคณะทำงานขับเคลื่อนจริยธรรม ลงวันที่ 20 ตุลาคม 2568</li>"
        "<li>การลงนามปฏิญญาคุณธรรมของผู้บริหารและบุคลากร เดือนพฤศจิกายน 2568</li>"
        "<li>อบรมสอดแทรกสาระด้านจริยธรรมให้บุคลากรใหม่ เดือนมกราคม 2569</li></ul>"
        f"<p>{SAMPLE}</p>",
        responsible_unit=unit,
        fiscal_year=PLANS_2569,
    )
    _page(
        section,
        HumanResourcesPage,
        f"hr-criteria-and-plan-{PLANS_2569}",
        items,
        "O13",
        title=f"หลักเกณฑ์และแผนการบริหารและพัฒนาทรัพยากรบุคคล ปีงบประมาณ พ.ศ. {PLANS_2569}",
        kind=HumanResourcesKind.CRITERIA,
        report_year=PLANS_2569,
        issued_on=datetime.date(2025, 10, 6),
        signed_by=GOVERNOR,
        summary="หลักเกณฑ์การสรรหา การพัฒนา การประเมินผล และการให้คุณให้โทษ พร้อมแผนพัฒนาบุคลากรรายไตรมาส",
        body="<h2>หลักเกณฑ์</h2><p>สรรหาด้วยหลักคุณธรรม ประเมินผลปีละ 2 รอบ ผลสัมฤทธิ์ของงานร้อยละ 70 "
        "และพฤติกรรมการปฏิบัติราชการร้อยละ 30</p><h2>แผนปีงบประมาณ พ.ศ. 2569</h2><ul>"
        "<li>ไตรมาส 1: สำรวจความต้องการพัฒนารายบุคคล</li><li>ไตรมาส 2: อบรมการใช้ระบบสารบรรณอิเล็กทรอนิกส์</li>"
        "<li>ไตรมาส 3: อบรมประมวลจริยธรรมและการป้องกันผลประโยชน์ทับซ้อน</li>"
        f"<li>ไตรมาส 4: ประเมินผลการพัฒนาและสรุปรายงาน</li></ul><p>{SAMPLE}</p>",
        responsible_unit=unit,
    )
    _page(
        section,
        RiskAssessmentPage,
        f"corruption-risk-assessment-{PLANS_2569}",
        items,
        "O21",
        title=f"การประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. {PLANS_2569}",
        report_year=PLANS_2569,
        summary="<p>ประเมินความเสี่ยงการทุจริตของกระบวนงานตามแนวทางของสำนักงาน ป.ป.ช. "
        f"ทั้งการจัดซื้อจัดจ้าง การอนุมัติอนุญาต และการใช้ทรัพย์สินของราชการ</p><p>{SAMPLE}</p>",
        responsible_unit=unit,
        risks=_risk_rows(with_actions=False),
    )
    _page(
        section,
        PreventionPlanPage,
        f"anti-corruption-plan-{PLANS_2569}",
        items,
        "O23",
        title=f"แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. {PLANS_2569}",
        report_year=PLANS_2569,
        approved_on=datetime.date(2025, 10, 24),
        summary="<p>แผนปฏิบัติการป้องกันการทุจริตของจังหวัดเพชรบุรี ปีงบประมาณ พ.ศ. 2569 "
        "ปรับจากผลการดำเนินการของปี 2568 และผลการประเมิน ITA</p>",
        responsible_unit=unit,
        activities=[
            PreventionActivity(
                activity=activity,
                budget=budget,
                period=period.replace("2568", "2569").replace("2567", "2568"),
                responsible=who,
                indicator=indicator,
                sort_order=n,
            )
            for n, (activity, budget, period, who, indicator) in enumerate(PREVENTION_ACTIVITIES)
        ],
    )


def _e_services(section, items, unit) -> None:
    manuals = dict(
        Page.objects.descendant_of(section.get_parent())
        .filter(content_type__model="servicepage", slug__in=[service[4] for service in E_SERVICES if service[4]])
        .values_list("slug", "pk")
    )
    _page(
        section,
        EServicesPage,
        f"e-services-{PLANS_2569}",
        items,
        "O10",
        title=f"ระบบการให้บริการผ่านช่องทางออนไลน์ (E-Service) ปีงบประมาณ พ.ศ. {PLANS_2569}",
        report_year=PLANS_2569,
        intro="<p>จังหวัดเพชรบุรีเปิดให้บริการออนไลน์ 3 ระบบ ประชาชนใช้บริการได้โดยไม่ต้องเดินทางมาที่ศาลากลางจังหวัด "
        f"สถิติการใช้บริการนับจากระบบเป็นรายเดือน</p><p>{SAMPLE}</p>",
        responsible_unit=unit,
        services=[
            EService(
                name=name, url=url, purpose=purpose, hours=hours, service_page_id=manuals.get(manual), sort_order=n
            )
            for n, (name, url, purpose, hours, manual, _uses) in enumerate(E_SERVICES)
        ],
        usage=[
            EServiceUsage(service_name=name, month=month, uses=count, sort_order=n * 12 + m)
            for n, (name, _url, _purpose, _hours, _manual, uses) in enumerate(E_SERVICES)
            for m, (month, count) in enumerate(zip(FISCAL_MONTHS, uses, strict=True))
        ],
    )


def _participation(section, items, unit) -> None:
    _page(
        section,
        ParticipationPage,
        f"participation-{PLANS_2569}",
        items,
        "O19",
        title=f"ผลการเปิดโอกาสให้มีส่วนร่วมในการดำเนินงานของจังหวัดเพชรบุรี ปีงบประมาณ พ.ศ. {PLANS_2569}",
        report_year=PLANS_2569,
        intro="<p>กิจกรรมที่จังหวัดเพชรบุรีเปิดให้ประชาชนและผู้มีส่วนได้ส่วนเสียร่วมแสดงความคิดเห็น ร่วมตัดสินใจ "
        f"และร่วมติดตามการดำเนินงาน พร้อมผลที่ได้และสิ่งที่จังหวัดนำไปปรับปรุง</p><p>{SAMPLE}</p>",
        responsible_unit=unit,
        activities=[
            ParticipationActivity(
                title=title,
                kind=kind,
                held_on=held_on,
                how_to_take_part=how,
                participants=participants,
                result=result,
                change_made=change,
                sort_order=n,
            )
            for n, (title, kind, held_on, how, participants, result, change) in enumerate(PARTICIPATION_ACTIVITIES)
        ],
    )


def _no_gift(section, items, unit) -> None:
    _page(
        section,
        NoGiftPage,
        f"no-gift-policy-{PLANS_2569}",
        items,
        "O20",
        title=f"การขับเคลื่อนนโยบาย No Gift Policy จากการปฏิบัติหน้าที่ ปีงบประมาณ พ.ศ. {PLANS_2569}",
        report_year=PLANS_2569,
        declared_on=datetime.date(2025, 10, 1),
        declared_by=GOVERNOR,
        declaration="<p>ข้าพเจ้าในฐานะผู้ว่าราชการจังหวัดเพชรบุรี ขอประกาศเจตนารมณ์ว่า ผู้บริหารและเจ้าหน้าที่ของจังหวัดเพชรบุรี"
        "ทุกคนจะไม่รับ ไม่ให้ และไม่เรียกรับของขวัญ ของกำนัล หรือประโยชน์อื่นใดจากการปฏิบัติหน้าที่ "
        "ทั้งในเทศกาลและโอกาสอื่น เว้นแต่การรับโดยธรรมจรรยาตามที่กฎหมายกำหนด "
        "และจะรายงานการรับทรัพย์สินหรือประโยชน์อื่นใดทุกครั้ง</p>"
        f"<p>ประกาศ ณ วันที่ 1 ตุลาคม 2568</p><p>{SAMPLE}</p>",
        activities="<ul><li>ปฐมนิเทศบุคลากรใหม่เรื่องหลักเกณฑ์การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา "
        "(พฤศจิกายน 2568 ผู้เข้าร่วม 38 คน)</li>"
        '<li>รณรงค์ "ส่งความสุขด้วยคำอวยพร" แทนการให้ของขวัญในเทศกาลปีใหม่ 2569</li>'
        "<li>ติดป้ายประชาสัมพันธ์นโยบายที่จุดบริการประชาชนทุกจุดของศาลากลางจังหวัด</li></ul>",
        no_gifts_received=False,
        responsible_unit=unit,
        gifts=[
            GiftReceived(
                received_on=datetime.date(2025, 12, 29),
                description="กระเช้าผลไม้และขนมหม้อแกงเมืองเพชร ในโอกาสปีใหม่",
                giver="ผู้แทนสมาคมผู้ประกอบการท่องเที่ยวจังหวัดเพชรบุรี (ไม่ใช่คู่สัญญาของหน่วยงาน)",
                value=2_500,
                handling="ส่งมอบเป็นของหน่วยงาน และนำไปมอบให้บ้านพักคนชราจังหวัดเพชรบุรี",
            )
        ],
    )


def _measures(section, items, unit) -> None:
    measures = _page(
        section,
        IntegrityMeasuresPage,
        f"ita-result-measures-{PLANS_2569}",
        items,
        "O25",
        title=f"การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร ปีงบประมาณ พ.ศ. {PLANS_2569}",
        report_year=PLANS_2569,
        assessed_year=REPORTS_2569,
        score=Decimal("91.37"),
        result_summary="<p>ผลการประเมิน ITA ปี 2568 ของสำนักงานจังหวัดเพชรบุรีได้ 91.37 คะแนน (ระดับ A) "
        "ตัวชี้วัดการเปิดเผยข้อมูลได้คะแนนสูง ประเด็นที่ได้คะแนนต่ำคือความเป็นปัจจุบันของข้อมูลบางตัวชี้วัด "
        "และการรับรู้ช่องทางร้องเรียนการทุจริตของผู้รับบริการ</p>"
        f"<p>{SAMPLE}</p>",
        responsible_unit=unit,
        measures=[
            IntegrityMeasure(
                issue=issue, measure=measure, responsible=who, period=period, indicator=indicator, sort_order=n
            )
            for n, (issue, measure, who, period, indicator) in enumerate(MEASURES_2569)
        ],
    )
    _page(
        measures,
        IntegrityMeasuresReportPage,
        f"integrity-measures-report-{REPORTS_2569}",
        items,
        "O26",
        title=f"รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ปีงบประมาณ พ.ศ. {REPORTS_2569}",
        report_year=REPORTS_2569,
        summary="<p>ดำเนินการแล้วเสร็จ 2 มาตรการ อยู่ระหว่างดำเนินการ 1 มาตรการ (ข้อมูล ณ 30 กันยายน 2568)</p>",
        problems="การประชาสัมพันธ์ช่องทางร้องเรียนที่ไม่ต้องเปิดเผยตัวตนยังเข้าไม่ถึงผู้สูงอายุ "
        "ควรเพิ่มการประชาสัมพันธ์ผ่านหอกระจายข่าวและผู้นำชุมชน",
        responsible_unit=unit,
        results=[
            IntegrityMeasureResult(measure=measure, status=status, result=result, sort_order=n)
            for n, (measure, status, result) in enumerate(MEASURE_RESULTS_2568)
        ],
    )
