"""Demo content for R1.5: three complete citizen's manuals of Phetchaburi, each with its downloadable form (PDF).

``load(site)`` is idempotent: a manual is found by slug under the site's service index and left alone when it
exists; units are found by name; forms are found by title in the agency's collection before a PDF is generated.
The content follows the shape of real manuals on info.go.th but is sample data for demonstrating the system.
"""

import datetime
import html

from core.models import AgencySettings, InformationClass, OrganisationUnit, PageDocument, agency_data_publish
from documents.generate import document_create, pdf_from_html
from documents.models import DocumentKind, LibraryDocument
from oversight.succession import ita_items_for
from services.models import (
    ChannelKind,
    ServiceCategory,
    ServiceChannel,
    ServiceFee,
    ServiceIndexPage,
    ServicePage,
    ServiceRequiredDocument,
    ServiceStep,
    ServiceType,
)

CITY_HALL = "ศาลากลางจังหวัดเพชรบุรี ถนนราชวิถี ตำบลคลองกระแชง อำเภอเมืองเพชรบุรี จังหวัดเพชรบุรี 76000"
OFFICE_HOURS = "วันจันทร์ถึงวันศุกร์ (ยกเว้นวันหยุดที่ทางราชการกำหนด) ตั้งแต่เวลา 08:30 - 16:30 น. (มีพักเที่ยง)"
COMPLAINTS = (
    "ศูนย์ดำรงธรรมจังหวัดเพชรบุรี ชั้น 1 ศาลากลางจังหวัดเพชรบุรี สายด่วน 1567\n"
    "ศูนย์บริการประชาชน สำนักงานปลัดสำนักนายกรัฐมนตรี สายด่วน 1111 หรือตู้ ปณ. 1111 เลขที่ 1 ถนนพิษณุโลก "
    "เขตดุสิต กรุงเทพมหานคร 10300"
)
SAMPLE_NOTE = "<p>ข้อมูลตัวอย่างเพื่อการสาธิตระบบ โปรดตรวจสอบกับหน่วยงานผู้ให้บริการก่อนยื่นคำขอจริง</p>"

UNITS = {
    "civil": "ที่ทำการปกครองอำเภอเมืองเพชรบุรี",
    "registration": "สำนักทะเบียนอำเภอเมืองเพชรบุรี",
    "commerce": "สำนักงานพาณิชย์จังหวัดเพชรบุรี",
    "damrongdhama": "ศูนย์ดำรงธรรมจังหวัดเพชรบุรี",
}


def _form_html(fields: list[str], note: str = "") -> str:
    rows = "".join(f"<p>{html.escape(label)} <span class='field'>&nbsp;</span></p>" for label in fields)
    signature = "<p style='margin-top:2cm;text-align:right'>ลงชื่อ ........................................ ผู้ยื่นคำขอ</p>"
    return rows + (f"<p>{html.escape(note)}</p>" if note else "") + signature


MANUALS = [
    {
        "slug": "house-number-request",
        "title": "การขอเลขที่บ้าน",
        "unit": "registration",
        "owner_agency": "กรมการปกครอง กระทรวงมหาดไทย",
        "service_type": ServiceType.SINGLE_AGENCY,
        "category": ServiceCategory.REGISTER,
        "service_area": "ส่วนภูมิภาค",
        "summary": "เจ้าบ้านขอกำหนดเลขประจำบ้านสำหรับบ้านที่ปลูกสร้างเสร็จใหม่ เพื่อใช้เป็นหลักฐานในการเพิ่มชื่อในทะเบียนบ้าน",
        "legal_basis": "พระราชบัญญัติการทะเบียนราษฎร พ.ศ. 2534\nระเบียบสำนักทะเบียนกลางว่าด้วยการจัดทำทะเบียนราษฎร พ.ศ. 2535",
        "legal_deadline": (15, "days"),
        "legal_deadline_basis": "พระราชบัญญัติการทะเบียนราษฎร พ.ศ. 2534 มาตรา 36",
        "criteria": "<ol><li>เจ้าบ้านยื่นคำร้องภายใน 15 วันนับแต่วันที่ปลูกสร้างบ้านเสร็จ</li>"
        "<li>บ้านต้องปลูกสร้างเสร็จและมีสภาพเป็นที่อยู่อาศัยได้</li>"
        "<li>กรณีมอบหมายให้ผู้อื่นยื่นแทน ต้องมีหนังสือมอบหมายและบัตรประจำตัวประชาชนของผู้รับมอบหมาย</li>"
        "<li>หากเอกสารไม่ครบถ้วน เจ้าหน้าที่จะแจ้งให้แก้ไขหรือยื่นเพิ่มเติมเพียงครั้งเดียว</li></ol>",
        "channels": [
            (
                ChannelKind.WALK_IN,
                "สำนักทะเบียนอำเภอเมืองเพชรบุรี (ที่ว่าการอำเภอเมืองเพชรบุรี)",
                "อำเภอเมืองเพชรบุรี จังหวัดเพชรบุรี 76000",
                "",
                "0 3242 5559",
                OFFICE_HOURS,
            ),  # fmt: skip
        ],
        "steps": [
            ("ยื่นคำร้องและตรวจสอบเอกสาร", "เจ้าบ้านยื่นคำร้อง (แบบ ท.ร.31) พร้อมเอกสาร เจ้าหน้าที่ตรวจความครบถ้วน", 15, "minutes"),
            ("ตรวจสอบสถานที่", "นายทะเบียนหรือผู้ได้รับมอบหมายออกตรวจสอบบ้านที่ขอเลขที่บ้าน", 1, "working_days"),
            ("พิจารณาและกำหนดเลขประจำบ้าน", "นายทะเบียนพิจารณาและออกเลขประจำบ้าน", 30, "minutes"),
            ("จัดทำทะเบียนบ้านและมอบเอกสาร", "จัดทำทะเบียนบ้าน (ท.ร.14) และมอบให้เจ้าบ้าน", 15, "minutes"),
        ],
        "documents": [
            ("บัตรประจำตัวประชาชนของเจ้าบ้าน", "กรมการปกครอง", 1, 0, "ฉบับ", ""),
            ("หลักฐานการอนุญาตปลูกสร้างอาคาร", "องค์กรปกครองส่วนท้องถิ่น", 1, 1, "ฉบับ", "กรณีอยู่ในเขตควบคุมอาคาร"),
            ("หลักฐานแสดงกรรมสิทธิ์ที่ดินหรือหนังสือยินยอมให้ปลูกสร้าง", "กรมที่ดิน", 0, 1, "ฉบับ", ""),
        ],
        "fees": [],
        "stats": (18, 32, 7),
        "forms": [
            (
                "แบบคำร้องขอเลขที่บ้าน (ท.ร.31)",
                "แบบคำร้องขอเลขที่บ้าน.pdf",
                ["ชื่อ-สกุลผู้ยื่นคำร้อง", "เลขประจำตัวประชาชน", "ที่ตั้งบ้านที่ขอเลขที่บ้าน", "วันที่ปลูกสร้างเสร็จ"],
            ),
        ],
    },
    {
        "slug": "commercial-registration",
        "title": "การจดทะเบียนพาณิชย์ (ตั้งใหม่) ตามพระราชบัญญัติทะเบียนพาณิชย์ พ.ศ. 2499 กรณีผู้ขอจดทะเบียนเป็นบุคคลธรรมดา",
        "unit": "commerce",
        "owner_agency": "กรมพัฒนาธุรกิจการค้า กระทรวงพาณิชย์",
        "service_type": ServiceType.SINGLE_AGENCY,
        "category": ServiceCategory.REGISTER,
        "service_area": "ส่วนภูมิภาค, ส่วนท้องถิ่น",
        "summary": "ผู้ประกอบพาณิชยกิจที่เป็นบุคคลธรรมดาจดทะเบียนพาณิชย์ภายใน 30 วันนับแต่วันเริ่มประกอบกิจการ",
        "legal_basis": "พระราชบัญญัติทะเบียนพาณิชย์ พ.ศ. 2499\n"
        "กฎกระทรวงกำหนดค่าธรรมเนียมจดทะเบียนพาณิชย์และค่าธรรมเนียมอื่น พ.ศ. 2549\n"
        "ประกาศกระทรวงพาณิชย์ เรื่อง ให้ผู้ประกอบพาณิชยกิจต้องจดทะเบียนพาณิชย์ พ.ศ. 2553",
        "legal_deadline": (1, "working_days"),
        "legal_deadline_basis": "พระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558",
        "criteria": "<ol><li>ผู้ประกอบพาณิชยกิจต้องยื่นจดทะเบียนภายใน 30 วันนับแต่วันเริ่มประกอบกิจการ</li>"
        "<li>ยื่นต่อพนักงานเจ้าหน้าที่ในท้องที่ที่สำนักงานแห่งใหญ่ตั้งอยู่</li>"
        "<li>ผู้ประกอบพาณิชยกิจลงลายมือชื่อรับรองรายการในคำขอด้วยตนเอง</li></ol>",
        "channels": [
            (
                ChannelKind.WALK_IN,
                "สำนักงานพาณิชย์จังหวัดเพชรบุรี ชั้น 2 ศาลากลางจังหวัดเพชรบุรี",
                CITY_HALL,
                "",
                "0 3242 5080",
                OFFICE_HOURS,
            ),  # fmt: skip
            (
                ChannelKind.ONLINE,
                "ระบบจดทะเบียนพาณิชย์อิเล็กทรอนิกส์ กรมพัฒนาธุรกิจการค้า",
                "",
                "https://www.dbd.go.th",
                "1570",
                "ตลอด 24 ชั่วโมง",
            ),  # fmt: skip
        ],
        "steps": [
            ("ยื่นคำขอและตรวจสอบเอกสาร", "ผู้ขอยื่นคำขอจดทะเบียน (แบบ ทพ.) พร้อมเอกสารประกอบ", 20, "minutes"),
            ("พิจารณารับจดทะเบียน", "นายทะเบียนพิจารณาความถูกต้องของคำขอและรับจดทะเบียน", 30, "minutes"),
            ("ชำระค่าธรรมเนียมและรับใบทะเบียนพาณิชย์", "ผู้ขอชำระค่าธรรมเนียมและรับใบทะเบียนพาณิชย์", 10, "minutes"),
        ],
        "documents": [
            ("แบบคำขอจดทะเบียนพาณิชย์ (แบบ ทพ.)", "กรมพัฒนาธุรกิจการค้า", 1, 0, "ฉบับ", ""),
            ("บัตรประจำตัวประชาชน", "กรมการปกครอง", 1, 1, "ฉบับ", ""),
            ("สำเนาทะเบียนบ้านที่ใช้เป็นสำนักงานแห่งใหญ่", "กรมการปกครอง", 0, 1, "ฉบับ", ""),
            ("หนังสือให้ความยินยอมให้ใช้สถานที่ตั้งสำนักงานแห่งใหญ่", "", 1, 0, "ฉบับ", "กรณีผู้ขอไม่ได้เป็นเจ้าบ้าน"),
        ],
        "fees": [
            ("ค่าธรรมเนียมจดทะเบียนพาณิชย์ (ตั้งใหม่)", "50", "บาท", ""),
            ("ค่าธรรมเนียมขอให้ออกใบแทนใบทะเบียนพาณิชย์", "30", "บาท", "กรณีใบทะเบียนสูญหายหรือชำรุด"),
        ],
        "stats": (42, 65, 21),
        "forms": [
            (
                "แบบคำขอจดทะเบียนพาณิชย์ (แบบ ทพ.)",
                "แบบคำขอจดทะเบียนพาณิชย์.pdf",
                ["ชื่อผู้ประกอบพาณิชยกิจ", "ชื่อที่ใช้ในการประกอบพาณิชยกิจ", "ชนิดแห่งพาณิชยกิจ", "ที่ตั้งสำนักงานแห่งใหญ่"],
            ),
            (
                "ตัวอย่างการกรอกแบบคำขอจดทะเบียนพาณิชย์",
                "ตัวอย่างการกรอกแบบ ทพ.pdf",
                ["ชื่อผู้ประกอบพาณิชยกิจ: นางสาวตัวอย่าง ใจดี", "ชนิดแห่งพาณิชยกิจ: ขายปลีกขนมหวาน"],
            ),
        ],
    },
    {
        "slug": "complaints",
        "title": "การรับเรื่องร้องเรียน/ร้องทุกข์ ศูนย์ดำรงธรรมจังหวัดเพชรบุรี",
        "unit": "damrongdhama",
        "owner_agency": "สำนักงานปลัดกระทรวงมหาดไทย กระทรวงมหาดไทย",
        "service_type": ServiceType.MULTI_AGENCY,
        "category": ServiceCategory.OTHER,
        "service_area": "ส่วนภูมิภาค",
        "summary": "รับเรื่องร้องเรียน ร้องทุกข์ ขอความช่วยเหลือ และแจ้งเบาะแสการทุจริต ส่งต่อหน่วยงานที่เกี่ยวข้องและติดตามผล",
        "legal_basis": "ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการจัดการเรื่องราวร้องทุกข์ พ.ศ. 2552\n"
        "คำสั่งคณะรักษาความสงบแห่งชาติ ที่ 96/2557 เรื่อง การจัดตั้งศูนย์ดำรงธรรม",
        "legal_deadline": (15, "days"),
        "legal_deadline_basis": "ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการจัดการเรื่องราวร้องทุกข์ พ.ศ. 2552",
        "criteria": "<ol><li>ระบุชื่อ ที่อยู่ และช่องทางติดต่อกลับของผู้ร้องให้ชัดเจน</li>"
        "<li>ระบุเรื่องที่ร้องเรียน ข้อเท็จจริง หรือพฤติการณ์แห่งเรื่อง พร้อมพยานหลักฐาน (ถ้ามี)</li>"
        "<li>ข้อมูลของผู้ร้องจะถูกเก็บเป็นความลับ</li>"
        "<li>ผู้ร้องจะได้รับแจ้งความคืบหน้าทุก 7 วันจนกว่าเรื่องจะยุติ</li></ol>",
        "channels": [
            (
                ChannelKind.WALK_IN,
                "ศูนย์ดำรงธรรมจังหวัดเพชรบุรี ชั้น 1 ศาลากลางจังหวัดเพชรบุรี",
                CITY_HALL,
                "",
                "1567",
                OFFICE_HOURS,
            ),  # fmt: skip
            (
                ChannelKind.ONLINE,
                "เว็บไซต์ศูนย์ดำรงธรรม กระทรวงมหาดไทย",
                "",
                "https://www.damrongdhama.moi.go.th",
                "",
                "ตลอด 24 ชั่วโมง",
            ),  # fmt: skip
            (ChannelKind.PHONE, "สายด่วนศูนย์ดำรงธรรม", "", "", "1567", "ตลอด 24 ชั่วโมง"),
        ],
        "steps": [
            ("รับเรื่องร้องเรียน", "เจ้าหน้าที่รับเรื่องและลงทะเบียนรับ ออกเลขที่เรื่องให้ผู้ร้อง", 15, "minutes"),
            ("ตรวจสอบและวิเคราะห์เรื่อง", "ตรวจสอบข้อเท็จจริงเบื้องต้นและพิจารณาหน่วยงานที่รับผิดชอบ", 1, "working_days"),
            ("ส่งเรื่องให้หน่วยงานที่เกี่ยวข้อง", "มีหนังสือส่งเรื่องให้หน่วยงานดำเนินการ", 1, "working_days"),
            ("แจ้งผลการดำเนินการแก่ผู้ร้อง", "แจ้งผลหรือความคืบหน้าให้ผู้ร้องทราบ", 15, "days"),
        ],
        "documents": [
            ("บัตรประจำตัวประชาชนของผู้ร้อง", "กรมการปกครอง", 0, 1, "ฉบับ", "ยื่นเฉพาะกรณีร้องด้วยตนเอง"),
            ("เอกสารหรือพยานหลักฐานประกอบเรื่อง", "", 0, 1, "ชุด", "ถ้ามี"),
        ],
        "fees": [],
        "stats": (120, 185, 76),
        "forms": [
            (
                "แบบฟอร์มคำร้องเรียน/ร้องทุกข์",
                "แบบฟอร์มคำร้องเรียน ร้องทุกข์.pdf",
                ["ชื่อ-สกุลผู้ร้อง", "ที่อยู่และหมายเลขโทรศัพท์", "เรื่องที่ร้องเรียน", "รายละเอียดและพยานหลักฐาน"],
            ),
        ],
    },
]


def load(site) -> None:
    """Add the demo manuals and their forms under ``site``'s service index; existing manuals are left alone."""
    index = ServiceIndexPage.objects.descendant_of(site.root_page).first()
    if index is None:
        return
    collection = AgencySettings.for_site(site).collection
    units = {key: _unit(site, name) for key, name in UNITS.items()}
    if units["registration"].parent_id is None:
        units["registration"].parent = units["civil"]
        agency_data_publish(units["registration"])
    existing = set(index.get_children().values_list("slug", flat=True))
    for spec in MANUALS:
        if spec["slug"] in existing:
            continue
        forms = [_form_document(collection, title, filename, fields) for title, filename, fields in spec["forms"]]
        _manual_create(index, spec, units, forms)


def _unit(site, name: str) -> OrganisationUnit:
    unit = OrganisationUnit.objects.filter(site=site, name=name).first()
    if unit is None:
        unit = OrganisationUnit(site=site, name=name)
        agency_data_publish(unit)
    return unit


def _form_document(collection, title: str, filename: str, fields: list[str]) -> LibraryDocument:
    existing = LibraryDocument.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    content = pdf_from_html(
        title, _form_html(fields, note="เขียนที่ ........................ วันที่ ........................")
    )
    return document_create(
        collection, title, filename, content, DocumentKind.FORM, description=f"แบบฟอร์มประกอบคู่มือสำหรับประชาชน: {title}"
    )


def _manual_create(index, spec, units, forms) -> ServicePage:
    unit = units[spec["unit"]]
    deadline, deadline_unit = spec["legal_deadline"]
    average, largest, smallest = spec["stats"]
    page = ServicePage(
        title=spec["title"],
        slug=spec["slug"],
        information_class=InformationClass.ON_CHANGE,
        responsible_unit=unit,
        owner_agency=spec["owner_agency"],
        service_type=spec["service_type"],
        category=spec["category"],
        service_area=spec["service_area"],
        summary=spec["summary"],
        legal_basis=spec["legal_basis"],
        legal_deadline=deadline,
        legal_deadline_unit=deadline_unit,
        legal_deadline_basis=spec["legal_deadline_basis"],
        criteria=spec["criteria"],
        no_fee=not spec["fees"],
        complaint_channels=COMPLAINTS,
        requests_monthly_average=average,
        requests_max=largest,
        requests_min=smallest,
        reference_name=f"{spec['title']} {unit.name}",
        manual_version="1",
        manual_date=datetime.date(2024, 10, 1),
        remarks=SAMPLE_NOTE,
        channels=[
            ServiceChannel(kind=kind, name=name, address=address, url=url, phone=phone, opening_hours=hours)
            for kind, name, address, url, phone, hours in spec["channels"]
        ],
        steps=[
            ServiceStep(name=name, description=description, duration=duration, unit=step_unit, responsible_unit=unit)
            for name, description, duration, step_unit in spec["steps"]
        ],
        required_documents=[
            ServiceRequiredDocument(
                name=name, issuing_agency=issuer, originals=originals, copies=copies, unit=doc_unit, remarks=remarks
            )
            for name, issuer, originals, copies, doc_unit, remarks in spec["documents"]
        ],
        fees=[
            ServiceFee(description=description, amount=amount, unit=fee_unit, conditions=conditions)
            for description, amount, fee_unit, conditions in spec["fees"]
        ],
        published_documents=[PageDocument(document=document) for document in forms],
        ita_items=ita_items_for("O15, O16", "OIT 2566"),
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page
