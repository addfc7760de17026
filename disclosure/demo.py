"""Demo content for R1.1-R1.4: Phetchaburi's structure, executives, unit heads, plans with monitoring reports, laws
with their sources, official information by category and the monthly procurement summaries of fiscal year 2568.

``load(site)`` is idempotent: pages are found by slug under their category page and left alone when they exist;
units and people are found by name; documents and images by title in the agency's collection. People's names are
samples, marked ``(ตัวอย่าง)``; the laws and their Royal Gazette references are real.
"""

import datetime
import html
import io

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from core.models import AgencySettings, InformationClass, OrganisationUnit, PageDocument, agency_data_publish
from core.thai import MONTHS, ce_year, format_thai_date
from documents.generate import document_create, pdf_from_html, xlsx_from_rows
from documents.models import DocumentKind
from oversight.succession import ita_items_for

from .models import (
    BasicInfoIndexPage,
    ExecutiveEntry,
    ExecutivesPage,
    LawIndexPage,
    LawPage,
    LawType,
    MonitoringReportPage,
    OfficialInfoCategory,
    OfficialInfoIndexPage,
    OfficialInfoPage,
    OrganisationStructurePage,
    Person,
    PlanIndexPage,
    PlanPage,
    PlanStatus,
    PlanType,
    ProcurementMethod,
    ProcurementRow,
    ProcurementSummaryPage,
    ReportPeriod,
    UnitHeadEntry,
    UnitHeadsPage,
)

SAMPLE = "ข้อมูลตัวอย่างเพื่อการสาธิตระบบ"
PROVINCE = "จังหวัดเพชรบุรี"
OFFICE = "สำนักงานจังหวัดเพชรบุรี"
STRATEGY = "กลุ่มงานยุทธศาสตร์และข้อมูลเพื่อการพัฒนาจังหวัด"
ADMIN = "กลุ่มงานบริหารทรัพยากรทั่วไป"
DAMRONGDHAMA = "ศูนย์ดำรงธรรมจังหวัดเพชรบุรี"

# (name, parent, powers and duties in summary, phone)
UNITS = [
    (
        PROVINCE,
        None,
        "ราชการบริหารส่วนภูมิภาค มีผู้ว่าราชการจังหวัดเป็นผู้รับนโยบายและคำสั่งจากนายกรัฐมนตรีและกระทรวงต่าง ๆ "
        "มาปฏิบัติให้เหมาะสมกับท้องที่และประชาชน และบังคับบัญชาข้าราชการฝ่ายบริหารส่วนภูมิภาคในจังหวัด",
        "0 3242 5045",
    ),
    (
        OFFICE,
        PROVINCE,
        "ดูแลราชการประจำทั่วไปของจังหวัด จัดทำแผนพัฒนาจังหวัด ประสานงานและสนับสนุนการปฏิบัติราชการของส่วนราชการ"
        "ในจังหวัด และเป็นศูนย์ข้อมูลข่าวสารของจังหวัด",
        "0 3242 5045",
    ),
    (
        "กลุ่มงานอำนวยการ",
        OFFICE,
        "งานสารบรรณ งานประชาสัมพันธ์ งานพิธีการ และการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของจังหวัด",
        "0 3242 5045 ต่อ 101",
    ),
    (
        STRATEGY,
        OFFICE,
        "จัดทำแผนพัฒนาจังหวัดและแผนปฏิบัติราชการประจำปี ติดตามและประเมินผลการดำเนินงานตามแผน และจัดทำข้อมูลเพื่อการพัฒนาจังหวัด",
        "0 3242 8111",
    ),
    (ADMIN, OFFICE, "งานการเงิน บัญชี งบประมาณ การจัดซื้อจัดจ้างและการบริหารพัสดุ และงานบริหารงานบุคคล", "0 3242 5045 ต่อ 105"),
    ("ที่ทำการปกครองจังหวัดเพชรบุรี", PROVINCE, "การรักษาความสงบเรียบร้อย การอำนวยความเป็นธรรม การทะเบียนและบัตร", "0 3242 5044"),
    (DAMRONGDHAMA, PROVINCE, "รับเรื่องร้องเรียนร้องทุกข์ ให้คำปรึกษา และประสานการแก้ไขปัญหาความเดือดร้อนของประชาชน", "1567"),
    ("สำนักงานพัฒนาชุมชนจังหวัดเพชรบุรี", PROVINCE, "ส่งเสริมการพัฒนาชุมชน เศรษฐกิจฐานราก และทุนชุมชน", "0 3242 5132"),
    (
        "สำนักงานเกษตรจังหวัดเพชรบุรี",
        PROVINCE,
        "ส่งเสริมและพัฒนาการเกษตร ถ่ายทอดเทคโนโลยี และบริการข้อมูลการเกษตรแก่เกษตรกร",
        "0 3242 5082",
    ),
    ("สำนักงานพาณิชย์จังหวัดเพชรบุรี", PROVINCE, "กำกับดูแลราคาสินค้า ส่งเสริมการค้า และจดทะเบียนพาณิชย์", "0 3242 5084"),
    (
        "สำนักงานคลังจังหวัดเพชรบุรี",
        PROVINCE,
        "บริหารการเงินการคลัง ตรวจสอบการเบิกจ่ายงบประมาณ และให้คำปรึกษาด้านการจัดซื้อจัดจ้าง",
        "0 3242 5029",
    ),
]

# (name, phone, e-mail, photo colour)
PEOPLE = {
    "governor": ("นายประเสริฐ ศรีเพชร (ตัวอย่าง)", "0 3242 5045", "governor@phetchaburi.example", (34, 94, 150)),
    "deputy1": ("นางสาวกมลวรรณ ทองดี (ตัวอย่าง)", "0 3242 5046", "deputy1@phetchaburi.example", (150, 60, 90)),
    "deputy2": ("นายวีระพงษ์ แก้วประเสริฐ (ตัวอย่าง)", "0 3242 5047", "deputy2@phetchaburi.example", (40, 120, 80)),
    "palad": ("นายธนากร บุญมา (ตัวอย่าง)", "0 3242 5044", "palad@phetchaburi.example", (120, 90, 40)),
    "office_head": ("นางวิไลวรรณ สุขสวัสดิ์ (ตัวอย่าง)", "0 3242 5045", "office@phetchaburi.example", (90, 60, 150)),
    "cdd_head": ("นายสมพงษ์ ใจงาม (ตัวอย่าง)", "0 3242 5132", "", (60, 130, 140)),
    "agri_head": ("นางสาวปริยา นาคสวัสดิ์ (ตัวอย่าง)", "0 3242 5082", "", (110, 140, 50)),
}

ANNOUNCEMENT_PARAGRAPHS = [
    "เพื่อให้การประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment : "
    "ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๑ เป็นไปตามกรอบการประเมินใน ๕ ดัชนี ได้แก่ ๑.ดัชนีความโปร่งใส ๒.ดัชนีความพร้อมรับผิด "
    "๓.ดัชนีความปลอดภัยจากการทุจริตในการปฏิบัติงาน ๔.ดัชนีวัฒนธรรมคุณธรรมในองค์กร และ ๕.ดัชนีคุณธรรมการทำงานในหน่วยงาน "
    "จังหวัดจึงได้จัดทำกรอบแนวทางการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของจังหวัด ดังนี้",
    "๑. ประเภทข้อมูลที่จังหวัดต้องเผยแพร่ต่อสาธารณะ",
    "๑.๑ ข้อมูลพื้นฐานของจังหวัดเพชรบุรีที่เป็นปัจจุบัน ได้แก่ โครงสร้างการบริหารงาน คณะผู้บริหาร หัวหน้าส่วนราชการ",
    "๑.๒ ข้อมูลเกี่ยวกับยุทธศาสตร์การพัฒนาจังหวัด ประกอบด้วย แผนพัฒนาจังหวัดประจำปี แผนปฏิบัติราชการประจำปี "
    "ข้อมูลการติดตามประเมินผล การดำเนินการตามแผนพัฒนาจังหวัดและแผนปฏิบัติราชการประจำปี",
    "๑.๓ ข้อมูลทางด้านกฎหมาย ระเบียบ ข้อบังคับ ที่เกี่ยวข้องกับหน่วยงาน (Law, Regulatory and Compliance) เช่น กฎหมาย "
    "พระราชบัญญัติ พระราชกฤษฎีกา กฎกระทรวง ประกาศ ระเบียบ มาตรฐาน คู่มือ แนวปฏิบัติ และมติคณะรัฐมนตรีที่เกี่ยวข้อง เป็นต้น "
    "โดยแสดงที่มาของข้อมูลที่นำมาเผยแพร่",
    "๑.๔ ข้อมูลข่าวสารที่จัดไว้ให้ประชาชนตรวจดูได้ ตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ.๒๕๔๐ ตามมาตรา ๗ มาตรา ๘ "
    "และข้อมูลข่าวสารอื่นที่คณะกรรมการข้อมูลข่าวสารของราชการกำหนด ตามมาตรา ๘ (๘)",
    "๑.๕ คู่มือสำหรับประชาชน (Service Information) ข้อมูลการบริการตามภารกิจของหน่วยงาน พร้อมคำอธิบายขั้นตอนบริการ "
    "โดยแสดงขั้นตอนการให้บริการต่าง ๆ แก่ประชาชน ทั้งนี้ควรระบุระยะเวลาในแต่ละขั้นตอนของการให้บริการนั้น ๆ "
    "โดยจัดทำเป็นรูปแบบ “คู่มือสำหรับประชาชน” และสามารถดาวโหลดเอกสาร คู่มือ ตลอดจนแบบฟอร์ม (Download Forms) "
    "เพื่ออำนวยความสะดวกแก่ประชาชนในการติดต่อราชการ (ถ้ามี)",
    "๒. การเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์จังหวัดเพชรบุรี ให้ดำเนินการ ดังนี้",
    "๒.๑ ออกแบบเว็บไซต์ โดยให้มีความเหมาะสมกับอุปกรณ์/คอมพิวเตอร์ และผู้ใช้งาน เพื่อประชาชนสามารถเข้าถึงและใช้งานเว็บไซต์ได้โดยง่าย",
    "๒.๒ มีการบริหารจัดการความปลอดภัยของเว็บไซต์ โดยประชาชนจะสามารถเข้าดูข้อมูลได้อย่างเดียว แต่ไม่สามารถแก้ไขได้ "
    "และมีการกำหนดรหัสเข้าถึงข้อมูล",
    "๒.๓ ผู้ดูแลเว็บไซต์ต้องปรับปรุงข้อมูลต่าง ๆ บนเว็บไซต์ของจังหวัดให้มีความถูกต้อง และเป็นปัจจุบันเสมอ",
    "๓. วิธีการ/ขั้นตอนการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของจังหวัด",
    "๓.๑ คณะทำงานเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์จังหวัดเพชรบุรี จำแนกข้อมูลเป็นข้อมูลที่มีผลกระทบต่อประชาชน"
    "ต้องเผยแพร่ต่อสาธารณะทันที ข้อมูลที่ต้องปรับปรุงแก้ไขเมื่อมีการเปลี่ยนแปลงและข้อมูลประเภทที่มีระยะเวลาในการเผยแพร่ที่แน่นอน",
    "๓.๒ คณะทำงานฯ ตรวจสอบความถูกต้อง ครบถ้วน เป็นปัจจุบันและความเหมาะสมของข้อมูลเพื่อเสนอขออนุมัติเผยแพร่ข้อมูลผ่านเว็บไซต์จังหวัด",
    "๓.๓ ส่งข้อมูลให้นายชัยรัตน์ สุอังคะวาทีน นักวิชาการคอมพิวเตอร์ปฏิบัติการ ผู้ดูแลระบบเว็บไซต์ของจังหวัด"
    "ดำเนินการเผยแพร่ข้อมูลต่อสาธารณะ ผ่านเว็บไซต์ตามระยะเวลาที่กำหนด",
    "๔. การกำกับติดตามการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของจังหวัด",
    "๔.๑ ผู้ดูแลระบบเว็บไซต์ของจังหวัดดำเนินการปรับปรุงข้อมูลที่เผยแพร่ผ่านเว็บไซต์ให้เป็นปัจจุบัน และจัดทำรายงานผล"
    "การเผยแพร่และการปรับปรุงข้อมูลดังกล่าว พร้อมสรุปปัญหาและอุปสรรคในการดำเนินงานประจำปีงบประมาณเสนอต่อผู้บริหาร",
    "๔.๒ คณะทำงานฯ ตรวจสอบ ติดตาม การเผยแพร่ข้อมูลต่อสาธารณะผ่านทางเว็บไซต์ ให้ถูกต้องและเป็นไปตามวิธีการ "
    "และขั้นตอนตามประกาศนี้ โดยรายงานผู้บริหารเป็นรายไตรมาส",
    "จึงประกาศให้ทราบโดยทั่วกัน",
    "ประกาศ ณ วันที่ ๑ พฤษภาคม พ.ศ. ๒๕๖๑",
    "นางฉัตรพร ราษฎร์ดุษดี<br>ผู้ว่าราชการจังหวัดเพชรบุรี",
]

# slug, title, type, number, issued, issuing body, source name, url, gazette (volume, section, page, date), effective
LAWS = [
    {
        "slug": "announcement-website-disclosure-2561",
        "title": "ประกาศจังหวัดเพชรบุรี เรื่อง แนวทางการเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน",
        "law_type": LawType.ANNOUNCEMENT,
        "issued_date": datetime.date(2018, 5, 1),
        "effective_date": datetime.date(2018, 5, 1),
        "issuing_body": PROVINCE,
        "source_name": "จังหวัดเพชรบุรี (ต้นฉบับประกาศ ลงนามโดยผู้ว่าราชการจังหวัดเพชรบุรี)",
        "source_url": "https://www.phetchaburi.go.th/",
        "summary": "<p>กำหนดประเภทข้อมูลที่จังหวัดต้องเผยแพร่ต่อสาธารณะ (ข้อมูลพื้นฐาน ยุทธศาสตร์ กฎหมาย ข้อมูลข่าวสารตาม "
        "พ.ร.บ.ข้อมูลข่าวสารฯ และคู่มือสำหรับประชาชน) วิธีการเผยแพร่ผ่านเว็บไซต์ ขั้นตอนการตรวจสอบและอนุมัติ "
        "และการกำกับติดตามโดยรายงานผู้บริหารเป็นรายไตรมาสและรายปี</p>",
        "pdf": True,
    },
    {
        "slug": "official-information-act-2540",
        "title": "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
        "law_type": LawType.ACT,
        "issued_date": datetime.date(1997, 9, 2),
        "effective_date": datetime.date(1997, 12, 9),
        "issuing_body": "รัฐสภา",
        "source_name": "สำนักงานคณะกรรมการข้อมูลข่าวสารของราชการ",
        "source_url": "https://www.oic.go.th/",
        "gazette": ("114", "46 ก", "1", datetime.date(1997, 9, 10)),
        "summary": "<p>รับรองสิทธิของประชาชนในการรับรู้ข้อมูลข่าวสารของราชการ กำหนดให้หน่วยงานของรัฐลงพิมพ์ข้อมูลในราชกิจจานุเบกษา "
        "(มาตรา 7) จัดข้อมูลไว้ให้ประชาชนตรวจดู (มาตรา 9) และจัดหาข้อมูลให้เมื่อมีคำขอ (มาตรา 11)</p>",
    },
    {
        "slug": "licensing-facilitation-act-2558",
        "title": "พระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558",
        "law_type": LawType.ACT,
        "issued_date": datetime.date(2015, 1, 14),
        "effective_date": datetime.date(2015, 7, 21),
        "issuing_body": "สภานิติบัญญัติแห่งชาติ",
        "source_name": "สำนักงานคณะกรรมการพัฒนาระบบราชการ (ก.พ.ร.)",
        "source_url": "https://www.opdc.go.th/",
        "gazette": ("132", "4 ก", "1", datetime.date(2015, 1, 22)),
        "summary": "<p>กำหนดให้หน่วยงานที่มีอำนาจอนุญาตจัดทำคู่มือสำหรับประชาชน ระบุหลักเกณฑ์ วิธีการ เงื่อนไข ขั้นตอน "
        "ระยะเวลา และเอกสารที่ต้องใช้ และแจ้งผลการพิจารณาภายในเวลาที่กำหนด</p>",
    },
    {
        "slug": "public-procurement-act-2560",
        "title": "พระราชบัญญัติการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560",
        "law_type": LawType.ACT,
        "issued_date": datetime.date(2017, 2, 24),
        "effective_date": datetime.date(2017, 8, 23),
        "issuing_body": "สภานิติบัญญัติแห่งชาติ",
        "source_name": "กรมบัญชีกลาง",
        "source_url": "https://www.gprocurement.go.th/",
        "gazette": ("134", "24 ก", "13", datetime.date(2017, 2, 24)),
        "summary": "<p>หลักเกณฑ์การจัดซื้อจัดจ้างและการบริหารพัสดุของหน่วยงานของรัฐ ซึ่งต้องคุ้มค่า โปร่งใส มีประสิทธิภาพ "
        "และตรวจสอบได้ รวมถึงการประกาศเผยแพร่แผนและผลการจัดซื้อจัดจ้าง</p>",
    },
    {
        "slug": "mof-procurement-regulation-2560",
        "title": "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560",
        "law_type": LawType.RULE,
        "issued_date": datetime.date(2017, 8, 23),
        "effective_date": datetime.date(2017, 8, 23),
        "issuing_body": "กระทรวงการคลัง",
        "source_name": "กรมบัญชีกลาง",
        "source_url": "https://www.gprocurement.go.th/",
        "gazette": ("134", "พิเศษ 210 ง", "1", datetime.date(2017, 8, 23)),
        "summary": "<p>วิธีปฏิบัติในการจัดซื้อจัดจ้าง การทำสัญญา การตรวจรับ และการบริหารพัสดุ ตามพระราชบัญญัติการจัดซื้อจัดจ้าง"
        "และการบริหารพัสดุภาครัฐ พ.ศ. 2560</p>",
    },
    {
        "slug": "good-governance-decree-2546",
        "title": "พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546",
        "law_type": LawType.ROYAL_DECREE,
        "issued_date": datetime.date(2003, 10, 9),
        "effective_date": datetime.date(2003, 10, 10),
        "issuing_body": "คณะรัฐมนตรี",
        "source_name": "สำนักงานคณะกรรมการพัฒนาระบบราชการ (ก.พ.ร.)",
        "source_url": "https://www.opdc.go.th/",
        "gazette": ("120", "100 ก", "1", datetime.date(2003, 10, 9)),
        "summary": "<p>หลักเกณฑ์การบริหารราชการเพื่อประโยชน์สุขของประชาชน ความโปร่งใส การลดขั้นตอน "
        "และการประเมินผลการปฏิบัติราชการ</p>",
    },
    {
        "slug": "ita-guideline-2568",
        "title": "คู่มือการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. 2568",
        "law_type": LawType.MANUAL,
        "issued_date": datetime.date(2024, 10, 1),
        "issuing_body": "สำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ",
        "source_name": "ระบบ ITAS สำนักงาน ป.ป.ช.",
        "source_url": "https://itas.nacc.go.th/",
        "summary": "<p>ตัวชี้วัดและหลักฐานที่ใช้ในการประเมิน ITA รวมถึงข้อมูลที่หน่วยงานต้องเปิดเผยบนเว็บไซต์</p>",
    },
]

PROCUREMENT_ITEMS = [
    ("จัดซื้อวัสดุสำนักงาน", 48_000, ProcurementMethod.SPECIFIC, ["ร้านเพชรบุรีเครื่องเขียน (ตัวอย่าง)"]),
    ("จ้างซ่อมบำรุงรถยนต์ราชการ ทะเบียน กข 1234 เพชรบุรี", 35_500, ProcurementMethod.SPECIFIC, ["อู่ช่างเพชรการช่าง (ตัวอย่าง)"]),
    ("จัดซื้อน้ำมันเชื้อเพลิงสำหรับรถยนต์ราชการ", 60_000, ProcurementMethod.SPECIFIC, ["หจก. เพชรบุรีปิโตรเลียม (ตัวอย่าง)"]),
    (
        "จ้างเหมาจัดงานประชุมคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ",
        120_000,
        ProcurementMethod.SPECIFIC,
        ["บริษัท เพชรบุรีอีเวนท์ จำกัด (ตัวอย่าง)"],
    ),
    (
        "จัดซื้อเครื่องคอมพิวเตอร์โน้ตบุ๊กสำหรับงานประมวลผล จำนวน 10 เครื่อง",
        250_000,
        ProcurementMethod.E_MARKET,
        ["บริษัท ไอทีเพชร จำกัด (ตัวอย่าง)", "หจก. คอมพ์ซิตี้ (ตัวอย่าง)", "บริษัท ดิจิทัลเวสต์ จำกัด (ตัวอย่าง)"],
    ),
    (
        "จ้างปรับปรุงห้องประชุมศาลากลางจังหวัดเพชรบุรี",
        1_450_000,
        ProcurementMethod.E_BIDDING,
        ["หจก. เพชรบุรีก่อสร้าง (ตัวอย่าง)", "บริษัท ชะอำวิศวกรรม จำกัด (ตัวอย่าง)"],
    ),
]


def load(site) -> None:
    """Fill the site's R1.1-R1.4 category pages with the Phetchaburi demo content; a second run adds nothing."""
    collection = AgencySettings.for_site(site).collection
    home = site.root_page
    units = _units(site)
    people = _people(site, collection)
    _basic_info(BasicInfoIndexPage.objects.child_of(home).first(), collection, units, people)
    _plans(PlanIndexPage.objects.child_of(home).first(), collection, units)
    _laws(LawIndexPage.objects.child_of(home).first(), collection, units)
    _official_info(OfficialInfoIndexPage.objects.child_of(home).first(), collection, units)


# -- helpers ---------------------------------------------------------------------------------------------------------


def _page(parent, model, slug, documents=(), **fields):
    """The child of ``parent`` with ``slug``, or a new published one made from ``fields`` with ``documents``."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    fields.setdefault("information_class", InformationClass.ON_CHANGE)
    ita_codes = fields.pop("ita_codes", "")
    page = model(slug=slug, **fields)
    page.published_documents = [PageDocument(document=document) for document in documents]
    page.ita_items = ita_items_for(ita_codes, "OIT 2566")
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _pdf(collection, title, filename, body_html, kind=DocumentKind.REPORT, fiscal_year=None):
    from documents.models import LibraryDocument

    existing = LibraryDocument.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    note = f"<p style='color:#555'>{SAMPLE}</p>"
    return document_create(
        collection, title, filename, pdf_from_html(title, body_html + note), kind, fiscal_year=fiscal_year
    )


def _units(site) -> dict[str, OrganisationUnit]:
    """The agency's units, live (demo data is published directly, as its pages are)."""
    units = {}
    for order, (name, parent, duties, phone) in enumerate(UNITS, start=1):
        unit = OrganisationUnit.objects.filter(site=site, name=name).first()
        if unit is None:
            unit = OrganisationUnit(
                site=site,
                name=name,
                parent=units.get(parent),
                powers_and_duties=f"<p>{html.escape(duties)}</p>",
                phone=phone,
                sort_order=order * 10,
            )
            agency_data_publish(unit)
        elif unit.parent_id is None and parent and not unit.powers_and_duties:
            # Made earlier by another app's demo by name only: put it in the tree.
            unit.parent = units.get(parent)
            unit.powers_and_duties = f"<p>{html.escape(duties)}</p>"
            unit.phone = unit.phone or phone
            unit.sort_order = order * 10
            agency_data_publish(unit)
        units[name] = unit
    return units


def _photo(collection, title, colour):
    """A colour placeholder portrait (no real person's photo in the demo)."""
    from PIL import Image, ImageDraw

    image_model = get_image_model()
    existing = image_model.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    picture = Image.new("RGB", (240, 300), (225, 232, 240))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((75, 45, 165, 145), fill=(238, 200, 170))
    draw.rounded_rectangle((35, 165, 205, 320), radius=60, fill=colour)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return image_model.objects.create(title=title, collection=collection, file=ImageFile(buffer, name="portrait.png"))


def _people(site, collection) -> dict[str, Person]:
    people = {}
    for key, (name, phone, email, colour) in PEOPLE.items():
        person = Person.objects.filter(site=site, name=name).first()
        if person is None:
            person = Person(
                site=site,
                name=name,
                phone=phone,
                email=email,
                photo=_photo(collection, f"ภาพตัวอย่าง {name}", colour),
            )
            agency_data_publish(person)
        people[key] = person
    return people


# -- R1.1 ------------------------------------------------------------------------------------------------------------


def _basic_info(index, collection, units, people):
    office = units[OFFICE]
    tree = "".join(
        f"<li><strong>{html.escape(name)}</strong>{' (สังกัด ' + html.escape(parent) + ')' if parent else ''}</li>"
        for name, parent, _, _ in UNITS
    )
    chart = _pdf(
        collection,
        "แผนภูมิโครงสร้างการบริหารงานจังหวัดเพชรบุรี",
        "แผนภูมิโครงสร้างจังหวัดเพชรบุรี.pdf",
        f"<p>ผู้ว่าราชการจังหวัดเพชรบุรี รองผู้ว่าราชการจังหวัด และส่วนราชการประจำจังหวัด</p><ul>{tree}</ul>",
        kind=DocumentKind.OTHER,
    )
    _page(
        index,
        OrganisationStructurePage,
        "structure",
        title="โครงสร้างการบริหารงาน",
        intro="<p>โครงสร้างการบริหารราชการส่วนภูมิภาคของจังหวัดเพชรบุรี ส่วนราชการในสังกัด และอำนาจหน้าที่โดยสรุป</p>",
        root_unit=units[PROVINCE],
        chart_document=chart,
        responsible_unit=office,
        ita_codes="O1, O3",
    )
    start = datetime.date(2025, 10, 1)
    _page(
        index,
        ExecutivesPage,
        "executives",
        title="คณะผู้บริหาร",
        intro=f"<p>ผู้บริหารของจังหวัดเพชรบุรีและช่องทางการติดต่อ ({SAMPLE} ชื่อบุคคลเป็นชื่อสมมติ)</p>",
        executives=[
            ExecutiveEntry(position="ผู้ว่าราชการจังหวัดเพชรบุรี", person=people["governor"], term_start=start),
            ExecutiveEntry(position="รองผู้ว่าราชการจังหวัดเพชรบุรี", person=people["deputy1"], term_start=start),
            ExecutiveEntry(position="รองผู้ว่าราชการจังหวัดเพชรบุรี", person=people["deputy2"], term_start=start),
            ExecutiveEntry(position="รองผู้ว่าราชการจังหวัดเพชรบุรี"),
            ExecutiveEntry(position="ปลัดจังหวัดเพชรบุรี", person=people["palad"], term_start=start),
            ExecutiveEntry(position="หัวหน้าสำนักงานจังหวัดเพชรบุรี", person=people["office_head"], term_start=start),
        ],
        responsible_unit=office,
        ita_codes="O2",
    )
    _page(
        index,
        UnitHeadsPage,
        "unit-heads",
        title="หัวหน้าส่วนราชการ",
        intro=f"<p>หัวหน้าส่วนราชการประจำจังหวัดเพชรบุรีและช่องทางการติดต่อ ({SAMPLE})</p>",
        unit_heads=[
            UnitHeadEntry(unit=office, position="หัวหน้าสำนักงานจังหวัดเพชรบุรี", person=people["office_head"]),
            UnitHeadEntry(unit=units["ที่ทำการปกครองจังหวัดเพชรบุรี"], position="ปลัดจังหวัดเพชรบุรี", person=people["palad"]),
            UnitHeadEntry(
                unit=units["สำนักงานพัฒนาชุมชนจังหวัดเพชรบุรี"],
                position="พัฒนาการจังหวัดเพชรบุรี",
                person=people["cdd_head"],
            ),
            UnitHeadEntry(
                unit=units["สำนักงานเกษตรจังหวัดเพชรบุรี"], position="เกษตรจังหวัดเพชรบุรี", person=people["agri_head"]
            ),
            UnitHeadEntry(unit=units["สำนักงานพาณิชย์จังหวัดเพชรบุรี"], position="พาณิชย์จังหวัดเพชรบุรี"),
            UnitHeadEntry(unit=units[DAMRONGDHAMA], position="หัวหน้าศูนย์ดำรงธรรมจังหวัดเพชรบุรี", person=people["palad"]),
        ],
        responsible_unit=office,
        ita_codes="O2",
    )


# -- R1.2 ------------------------------------------------------------------------------------------------------------

ACTION_PLAN_RESULTS = {1: (18, 21), 2: (43, 47), 3: (69, 72), 4: (96, 98)}


def _plans(index, collection, units):
    strategy = units[STRATEGY]
    goals = (
        "<ol><li>พัฒนาการท่องเที่ยวเชิงประวัติศาสตร์ วัฒนธรรม และธรรมชาติ</li>"
        "<li>ยกระดับสินค้าเกษตรและอาหารปลอดภัย (ชมพู่เพชร มะนาว ตาลโตนด)</li>"
        "<li>เสริมสร้างคุณภาพชีวิตและความมั่นคงของประชาชน</li>"
        "<li>บริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อมอย่างยั่งยืน</li></ol>"
    )
    pdp_title = "แผนพัฒนาจังหวัดเพชรบุรี พ.ศ. 2566 - 2570"
    pdp = _page(
        index,
        PlanPage,
        "provincial-development-plan-2566-2570",
        [_pdf(collection, pdp_title, "แผนพัฒนาจังหวัดเพชรบุรี 2566-2570.pdf", goals, DocumentKind.PLAN, 2566)],
        title=pdp_title,
        plan_type=PlanType.PROVINCIAL_DEVELOPMENT,
        fiscal_year_start=2566,
        fiscal_year_end=2570,
        status=PlanStatus.IN_EFFECT,
        approved_on=datetime.date(2022, 6, 30),
        summary=f"<h2>ประเด็นการพัฒนา</h2>{goals}<p>{SAMPLE}</p>",
        responsible_unit=strategy,
        ita_codes="O4",
    )
    for year in (2566, 2567, 2568, 2569):
        title = f"แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {year} จังหวัดเพชรบุรี"
        body = f"<p>โครงการตามแผนพัฒนาจังหวัดที่ได้รับงบประมาณในปีงบประมาณ พ.ศ. {year}</p>{goals}"
        plan = _page(
            index,
            PlanPage,
            f"action-plan-{year}",
            [_pdf(collection, title, f"แผนปฏิบัติราชการ {year}.pdf", body, DocumentKind.PLAN, year)],
            title=title,
            plan_type=PlanType.ANNUAL_ACTION,
            fiscal_year_start=year,
            fiscal_year_end=year,
            fiscal_year=year,
            status=PlanStatus.IN_EFFECT if year == 2569 else PlanStatus.ENDED,
            approved_on=datetime.date(ce_year(year) - 1, 9, 15),
            summary=f"<p>แผนปฏิบัติราชการประจำปีงบประมาณ พ.ศ. {year} ของจังหวัดเพชรบุรี "
            f"ตามประเด็นการพัฒนาของแผนพัฒนาจังหวัด</p><p>{SAMPLE}</p>",
            responsible_unit=strategy,
            ita_codes="O11",
        )
        periods = [(ReportPeriod.YEAR, None)]
        if year >= 2568:
            periods = [(ReportPeriod.QUARTER, q) for q in (1, 2, 3, 4)] + [(ReportPeriod.HALF_YEAR, None)] + periods
        for period, quarter in periods:
            _report(index, collection, plan, year, period, quarter, strategy)
        _report(index, collection, pdp, year, ReportPeriod.YEAR, None, strategy)


def _report(index, collection, plan, year, period, quarter, unit):
    done, spent = ACTION_PLAN_RESULTS[quarter or (2 if period == ReportPeriod.HALF_YEAR else 4)]
    probe = MonitoringReportPage(plan=plan, period=period, report_fiscal_year=year, quarter=quarter)
    kind = "แผนพัฒนาจังหวัด" if plan.plan_type == PlanType.PROVINCIAL_DEVELOPMENT else "แผนปฏิบัติราชการ"
    title = f"รายงานผลการดำเนินงานตาม{kind} {probe.period_label}"
    slug = f"report-{'pdp' if kind == 'แผนพัฒนาจังหวัด' else 'action'}-{year}-{period}{quarter or ''}"
    results = (
        f"<p>ดำเนินโครงการแล้วเสร็จร้อยละ {done} เบิกจ่ายงบประมาณร้อยละ {spent} ของงบประมาณที่ได้รับจัดสรร</p>"
        "<h2>ปัญหาและอุปสรรค</h2><p>บางโครงการได้รับผลกระทบจากฤดูฝน ทำให้การก่อสร้างล่าช้า</p>"
        f"<p>{SAMPLE}</p>"
    )
    document = _pdf(collection, title, f"{title}.pdf", results, DocumentKind.REPORT, year)
    return _page(
        index,
        MonitoringReportPage,
        slug,
        [document],
        title=title,
        plan=plan,
        period=period,
        report_fiscal_year=year,
        quarter=quarter,
        results_summary=results,
        responsible_unit=unit,
        ita_codes="O12" if period == ReportPeriod.HALF_YEAR else ("O13" if period == ReportPeriod.YEAR else ""),
    )


# -- R1.3 ------------------------------------------------------------------------------------------------------------


def _laws(index, collection, units):
    for spec in LAWS:
        spec = dict(spec)
        documents = []
        if spec.pop("pdf", False):
            body = "".join(f"<p>{paragraph}</p>" for paragraph in ANNOUNCEMENT_PARAGRAPHS)
            documents.append(
                document_create(
                    collection,
                    "ประกาศจังหวัดเพชรบุรี เรื่อง แนวทางเผยแพร่ข้อมูลต่อสาธารณะผ่านเว็บไซต์ของหน่วยงานจังหวัดเพชรบุรี",
                    "ประกาศจังหวัดเพชรบุรี แนวทางเผยแพร่ข้อมูล 1 พ.ค. 2561.pdf",
                    pdf_from_html("ประกาศจังหวัดเพชรบุรี", body),
                    DocumentKind.LAW,
                    fiscal_year=2561,
                )
            )
        volume, section, page, gazette_date = spec.pop("gazette", ("", "", "", None))
        _page(
            index,
            LawPage,
            spec.pop("slug"),
            documents,
            gazette_volume=volume,
            gazette_section=section,
            gazette_page=page,
            gazette_date=gazette_date,
            responsible_unit=units["กลุ่มงานอำนวยการ"],
            ita_codes="O6",
            **spec,
        )


# -- R1.4 ------------------------------------------------------------------------------------------------------------


def _official_info(index, collection, units):
    categories = {category.code: category for category in OfficialInfoCategory.objects.all()}
    office, admin = units[OFFICE], units[ADMIN]
    items = [
        (
            "oia-7-1-structure",
            "7(1)",
            "โครงสร้างและการจัดองค์กรในการดำเนินงานของจังหวัดเพชรบุรี",
            datetime.date(2025, 10, 1),
            "โครงสร้างการบริหารราชการส่วนภูมิภาคของจังหวัดเพชรบุรี ดูรายละเอียดได้ที่หน้าโครงสร้างการบริหารงาน",
            None,
        ),
        (
            "oia-7-2-duties",
            "7(2)",
            "สรุปอำนาจหน้าที่ที่สำคัญและวิธีการดำเนินงานของจังหวัดเพชรบุรี",
            datetime.date(2025, 10, 1),
            "อำนาจหน้าที่ของจังหวัดตามพระราชบัญญัติระเบียบบริหารราชการแผ่นดิน พ.ศ. 2534 และวิธีการดำเนินงาน",
            None,
        ),
        (
            "oia-7-3-contact",
            "7(3)",
            "ศูนย์ข้อมูลข่าวสารจังหวัดเพชรบุรี: สถานที่ติดต่อขอรับข้อมูลข่าวสาร",
            datetime.date(2025, 10, 1),
            "ศูนย์ข้อมูลข่าวสารจังหวัดเพชรบุรี ชั้น 1 ศาลากลางจังหวัดเพชรบุรี ถนนราชวิถี อำเภอเมืองเพชรบุรี "
            "เปิดให้บริการวันจันทร์ถึงวันศุกร์ เวลา 08:30 - 16:30 น. โทรศัพท์ 0 3242 5045",
            None,
        ),
        (
            "oia-9-3-budget-2569",
            "9(3)",
            "แผนงาน โครงการ และงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. 2569",
            datetime.date(2025, 10, 15),
            "รายการโครงการและงบประมาณของจังหวัดเพชรบุรีที่ได้รับจัดสรรในปีงบประมาณ พ.ศ. 2569",
            "budget",
        ),
        (
            "oia-9-4-complaint-manual",
            "9(4)",
            "คู่มือการปฏิบัติงานการจัดการเรื่องร้องเรียนร้องทุกข์",
            datetime.date(2025, 1, 20),
            "ขั้นตอนการรับ ตรวจสอบ ส่งต่อ และติดตามเรื่องร้องเรียนของศูนย์ดำรงธรรมจังหวัดเพชรบุรี",
            "manual",
        ),
        (
            "oia-9-7-integrated-committee-1-2569",
            "9(7)",
            "มติคณะกรรมการบริหารงานจังหวัดแบบบูรณาการ (ก.บ.จ.) ครั้งที่ 1/2569",
            datetime.date(2025, 11, 20),
            "สรุปมติที่ประชุมและรายการเอกสารที่ใช้ประกอบการพิจารณา",
            "minutes",
        ),
        (
            "oia-9-8-service-statistics-2568",
            "9(8)-2",
            "สถิติการให้บริการศูนย์ดำรงธรรมจังหวัดเพชรบุรี ประจำปีงบประมาณ พ.ศ. 2568",
            datetime.date(2025, 10, 10),
            "จำนวนเรื่องที่รับ ดำเนินการแล้วเสร็จ และอยู่ระหว่างดำเนินการ รายเดือน",
            "stats",
        ),
        (
            "oia-9-8-invitation-meeting-room",
            "9(8)-3",
            "ประกาศเชิญชวนประกวดราคาจ้างปรับปรุงห้องประชุมศาลากลางจังหวัดเพชรบุรี ด้วยวิธีประกวดราคาอิเล็กทรอนิกส์ (e-bidding)",
            datetime.date(2025, 3, 3),
            "ราคากลาง 1,450,000 บาท กำหนดยื่นข้อเสนอทางระบบจัดซื้อจัดจ้างภาครัฐ",
            None,
        ),
        (
            "oia-9-8-winner-meeting-room",
            "9(8)-4",
            "ประกาศผู้ชนะการเสนอราคาจ้างปรับปรุงห้องประชุมศาลากลางจังหวัดเพชรบุรี",
            datetime.date(2025, 4, 2),
            "ผู้ชนะการเสนอราคา หจก. เพชรบุรีก่อสร้าง (ตัวอย่าง) ราคา 1,398,000 บาท",
            None,
        ),
    ]
    for slug, code, title, info_date, summary, attachment in items:
        documents = []
        if attachment == "stats":
            rows = [[MONTHS[(m + 9) % 12], 40 + m * 3, 38 + m * 3, 2] for m in range(12)]
            documents.append(
                document_create(
                    collection,
                    title,
                    "สถิติการให้บริการ ศูนย์ดำรงธรรม 2568.xlsx",
                    xlsx_from_rows("สถิติ 2568", ["เดือน", "รับเรื่อง", "ดำเนินการแล้วเสร็จ", "อยู่ระหว่างดำเนินการ"], rows),
                    DocumentKind.REPORT,
                    fiscal_year=2568,
                )
            )
        elif attachment:
            documents.append(_pdf(collection, title, f"{title}.pdf", f"<p>{html.escape(summary)}</p>"))
        _page(
            index,
            OfficialInfoPage,
            slug,
            documents,
            title=title,
            category=categories.get(code),
            info_date=info_date,
            summary=summary,
            body=f"<p>{html.escape(summary)}</p><p>{SAMPLE}</p>",
            responsible_unit=units[DAMRONGDHAMA] if code in ("9(4)", "9(8)-2") else office,
            information_class=InformationClass.IMMEDIATE if code == "9(8)-3" else InformationClass.ON_CHANGE,
        )
    for year in PROCUREMENT_YEARS:
        _procurement_summaries(index, collection, categories.get("9(8)-1"), admin, year)


# Fiscal years of the demo's monthly summaries: 2569 is what OIT 2569's O11 asks for (the year assessed).
PROCUREMENT_YEARS = (2568, 2569)


def _procurement_summaries(index, collection, category, unit, fiscal_year):
    """A fiscal year (2568: October 2567 - September 2568): rows, one month as an XLSX form, one month with none."""
    headers = [
        "ลำดับ",
        "งานที่จัดซื้อหรือจัดจ้าง",
        "วงเงินที่จะซื้อหรือจ้าง",
        "ราคากลาง",
        "วิธีซื้อหรือจ้าง",
        "รายชื่อผู้เสนอราคาและราคาที่เสนอ",
        "ผู้ได้รับการคัดเลือกและราคาที่ตกลงซื้อหรือจ้าง",
        "เหตุผลที่คัดเลือกโดยสังเขป",
        "เลขที่และวันที่ของสัญญาหรือข้อตกลง",
    ]
    for n, month in enumerate([10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]):
        year_be = fiscal_year - 1 if month >= 10 else fiscal_year
        label = f"{MONTHS[month - 1]} {year_be}"
        slug = f"procurement-summary-{ce_year(year_be)}-{month:02d}"
        title = f"สรุปผลการดำเนินการจัดซื้อจัดจ้างในรอบเดือน{label}"
        fields = {
            "title": title,
            "category": category,
            "month": month,
            "year_be": year_be,
            "summary": f"แบบ สขร.1 ของสำนักงานจังหวัดเพชรบุรี ประจำเดือน{label}",
            "responsible_unit": unit,
            "ita_codes": "O21",
        }
        rows = _procurement_rows(n + 12 * (fiscal_year - 2568), month, year_be)
        if month == 4:
            _page(index, ProcurementSummaryPage, slug, no_procurement=True, **fields)
        elif month == 2:
            table = [
                [
                    i,
                    r.item,
                    r.budget,
                    r.reference_price,
                    r.get_method_display(),
                    r.bidders_and_prices,
                    f"{r.winner} {r.agreed_price:,.2f} บาท",
                    r.reason,
                    f"{r.contract_number} {format_thai_date(r.contract_date)}",
                ]
                for i, r in enumerate(rows, start=1)
            ]
            form = document_create(
                collection,
                f"แบบ สขร.1 เดือน{label}",
                f"สขร1 {label}.xlsx",
                xlsx_from_rows(f"สขร.1 {label}", headers, table),
                DocumentKind.PROCUREMENT,
                fiscal_year=fiscal_year,
            )
            _page(index, ProcurementSummaryPage, slug, form_document=form, **fields)
        else:
            _page(index, ProcurementSummaryPage, slug, procurement_rows=rows, **fields)


def _procurement_rows(n, month, year_be):
    rows = []
    for i in range(1 + n % 3):
        item, budget, method, bidders = PROCUREMENT_ITEMS[(n + i * 2) % len(PROCUREMENT_ITEMS)]
        offers = [round(budget * (0.97 - 0.02 * k)) for k in range(len(bidders))]
        winner_index = offers.index(min(offers))
        contract_date = datetime.date(ce_year(year_be), month, 5 + i * 7)
        rows.append(
            ProcurementRow(
                item=item,
                budget=budget,
                reference_price=budget,
                method=method,
                bidders_and_prices="\n".join(f"{b} ราคา {o:,.2f} บาท" for b, o in zip(bidders, offers, strict=True)),
                winner=bidders[winner_index],
                agreed_price=offers[winner_index],
                reason="เสนอราคาต่ำสุด คุณสมบัติและข้อเสนอถูกต้องตามเงื่อนไข",
                contract_number=f"{n * 3 + i + 1}/{year_be if month < 10 else year_be + 1}",
                contract_date=contract_date,
            )
        )
    return rows
