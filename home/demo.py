"""Demo content for the home app: the agency's contact details, a map link and Phetchaburi news.

``load(site)`` is idempotent: settings and fields are filled only when empty (an editor's change survives) and news
items are found by slug under the news index. Dates are relative to the day of loading so the site looks current.
The pages the agency already has are tagged as evidence for the OIT 2566 items they answer (O5 contact information,
O7 news, O8 questions and answers, O10 privacy policy), when they carry no tag of that framework yet. The Q&A page
gets two published answers and one question still waiting in the admin.
"""

import datetime
from urllib.parse import quote

from django.utils import timezone

from core.models import AgencySettings, agency_data_publish
from home.models import (
    ContactPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    Question,
    QuestionAnswerPage,
    QuestionIndexPage,
    StandardPage,
)
from home.questions import reference_for
from oversight.models import ItaFramework
from oversight.succession import ita_items_for

ADDRESS = "ศาลากลางจังหวัดเพชรบุรี ถนนราชวิถี ตำบลคลองกระแชง อำเภอเมืองเพชรบุรี จังหวัดเพชรบุรี 76000"
PHONE = "0 3242 5039"
EMAIL = "saraban@phetchaburi.go.th"
MAP_URL = "https://www.google.com/maps/search/?api=1&query=" + quote("ศาลากลางจังหวัดเพชรบุรี")
HOME_INTRO = (
    "<p>เว็บไซต์เผยแพร่ข้อมูลต่อสาธารณะของจังหวัดเพชรบุรี ตามประกาศจังหวัดเพชรบุรี เรื่อง แนวทางการเผยแพร่ข้อมูล"
    "ต่อสาธารณะผ่านเว็บไซต์ของหน่วยงาน ลงวันที่ 1 พฤษภาคม 2561</p>"
)

ITA_FRAMEWORK = "OIT 2566"

# (slug, days before today, title, summary, body, urgent days left or None)
NEWS = [
    (
        "flash-flood-warning",
        1,
        "ประกาศเตือนภัยน้ำท่วมฉับพลันและน้ำป่าไหลหลาก ลุ่มน้ำเพชรบุรี",
        "ขอให้ประชาชนริมแม่น้ำเพชรบุรีและพื้นที่อำเภอแก่งกระจาน อำเภอท่ายาง และอำเภอบ้านลาด เฝ้าระวังระดับน้ำ",
        "<p>สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดเพชรบุรีแจ้งว่า เขื่อนแก่งกระจานมีปริมาณน้ำเกินระดับเก็บกัก "
        "และมีการระบายน้ำผ่านทางระบายน้ำล้น ขอให้ประชาชนที่อาศัยริมแม่น้ำเพชรบุรีขนย้ายสิ่งของขึ้นที่สูง "
        "และติดตามประกาศของทางราชการอย่างใกล้ชิด</p>"
        "<p>แจ้งเหตุสาธารณภัยได้ที่สายด่วน 1784 หรือศูนย์ดำรงธรรมจังหวัดเพชรบุรี สายด่วน 1567 ตลอด 24 ชั่วโมง</p>",
        14,
    ),
    (
        "phra-nakhon-khiri-fair",
        4,
        "จังหวัดเพชรบุรีขอเชิญเที่ยวงานพระนครคีรี-เมืองเพชร",
        "ชมการแสดงแสงสีเสียงบนเขาวัง ตลาดย้อนยุค และขนมหวานเมืองเพชร",
        "<p>จังหวัดเพชรบุรีร่วมกับการท่องเที่ยวแห่งประเทศไทย จัดงานพระนครคีรี-เมืองเพชร ณ อุทยานประวัติศาสตร์"
        "พระนครคีรี (เขาวัง) มีการแสดงแสงสีเสียง การประกวดนางสาวเพชรบุรี และการจำหน่ายสินค้าพื้นเมือง</p>",
        None,
    ),
    (
        "creative-city-of-gastronomy",
        7,
        "เพชรบุรีเมืองสร้างสรรค์ด้านอาหารของยูเนสโก เชิญผู้ประกอบการร่วมโครงการส่งเสริมอาหารถิ่น",
        "เปิดรับสมัครร้านอาหารและผู้ผลิตขนมหวานพื้นถิ่นเข้าร่วมโครงการ",
        "<p>จังหวัดเพชรบุรีได้รับการประกาศเป็นเมืองสร้างสรรค์ด้านอาหาร (City of Gastronomy) ของยูเนสโก "
        "เมื่อปี 2564 ขอเชิญร้านอาหารและผู้ผลิตขนมหวานเมืองเพชรสมัครเข้าร่วมโครงการส่งเสริมอาหารถิ่น "
        "ได้ที่สำนักงานพาณิชย์จังหวัดเพชรบุรี ในวันและเวลาราชการ</p>",
        None,
    ),
    (
        "mobile-province-kaeng-krachan",
        10,
        "โครงการจังหวัดเคลื่อนที่ บำบัดทุกข์ บำรุงสุข ณ อำเภอแก่งกระจาน",
        "บริการทำบัตรประจำตัวประชาชน ตรวจสุขภาพ และรับเรื่องร้องเรียน ในที่เดียว",
        "<p>จังหวัดเพชรบุรีกำหนดจัดโครงการจังหวัดเคลื่อนที่ ณ ที่ว่าการอำเภอแก่งกระจาน "
        "ส่วนราชการร่วมให้บริการทำบัตรประจำตัวประชาชน คัดสำเนาทะเบียนบ้าน ตรวจสุขภาพ "
        "และศูนย์ดำรงธรรมจังหวัดเพชรบุรีรับเรื่องร้องเรียนร้องทุกข์</p>",
        None,
    ),
    (
        "provincial-committee-meeting",
        13,
        "การประชุมคณะกรมการจังหวัดและหัวหน้าส่วนราชการจังหวัดเพชรบุรี ประจำเดือน",
        "ติดตามผลการดำเนินงานตามแผนปฏิบัติราชการประจำปีและการเบิกจ่ายงบประมาณ",
        "<p>ผู้ว่าราชการจังหวัดเพชรบุรีเป็นประธานการประชุมคณะกรมการจังหวัดและหัวหน้าส่วนราชการ "
        "ที่ประชุมติดตามผลการดำเนินงานตามแผนปฏิบัติราชการประจำปีและผลการเบิกจ่ายงบประมาณของส่วนราชการ</p>",
        None,
    ),
    (
        "dengue-campaign",
        17,
        "รณรงค์ป้องกันโรคไข้เลือดออก 3 เก็บ ป้องกัน 3 โรค",
        "เก็บบ้าน เก็บขยะ เก็บน้ำ เพื่อตัดวงจรยุงลาย",
        "<p>สำนักงานสาธารณสุขจังหวัดเพชรบุรีขอความร่วมมือประชาชนร่วมกำจัดแหล่งเพาะพันธุ์ยุงลายตามมาตรการ "
        "3 เก็บ ป้องกัน 3 โรค ได้แก่ โรคไข้เลือดออก โรคไข้ซิกา และโรคไข้ปวดข้อยุงลาย</p>",
        None,
    ),
    (
        "damrongdhama-extended-hours",
        21,
        "ศูนย์ดำรงธรรมจังหวัดเพชรบุรีรับเรื่องร้องเรียนร้องทุกข์ผ่านช่องทางออนไลน์",
        "ยื่นเรื่องได้ตลอด 24 ชั่วโมง ผ่านเว็บไซต์ศูนย์ดำรงธรรมหรือสายด่วน 1567",
        "<p>ประชาชนยื่นเรื่องร้องเรียนร้องทุกข์ได้ที่ศูนย์ดำรงธรรมจังหวัดเพชรบุรี ชั้น 1 ศาลากลางจังหวัดเพชรบุรี "
        "ในวันและเวลาราชการ หรือผ่านเว็บไซต์ศูนย์ดำรงธรรม และสายด่วน 1567 ตลอด 24 ชั่วโมง</p>",
        None,
    ),
    (
        "ita-results",
        28,
        "ประกาศผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA)",
        "จังหวัดเพชรบุรีเผยแพร่ผลการประเมินและแผนการยกระดับคุณธรรมและความโปร่งใส",
        "<p>จังหวัดเพชรบุรีเผยแพร่ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
        "พร้อมมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ดูรายละเอียดได้ในหมวดข้อมูลข่าวสาร"
        "ที่จัดไว้ให้ประชาชนตรวจดูได้</p>",
        None,
    ),
    (
        "government-employee-recruitment",
        35,
        "รับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานราชการทั่วไป สังกัดสำนักงานจังหวัดเพชรบุรี",
        "ตำแหน่งนักวิเคราะห์นโยบายและแผน 1 อัตรา รับสมัครด้วยตนเองในวันและเวลาราชการ",
        "<p>สำนักงานจังหวัดเพชรบุรีรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานราชการทั่วไป ตำแหน่งนักวิเคราะห์นโยบาย"
        "และแผน จำนวน 1 อัตรา ผู้สนใจยื่นใบสมัครด้วยตนเองที่กลุ่มงานบริหารทรัพยากรบุคคล ศาลากลางจังหวัดเพชรบุรี</p>",
        None,
    ),
]


# (slug, days before today it was asked, title, question, answer)
QUESTIONS_ANSWERED = [
    (
        "qa-commercial-registration-online",
        20,
        "จดทะเบียนพาณิชย์ทางออนไลน์ได้หรือไม่",
        "ต้องการจดทะเบียนพาณิชย์ร้านขายขนมหม้อแกง ต้องไปยื่นที่สำนักงานเองหรือยื่นทางออนไลน์ได้หรือไม่ครับ",
        "<p>ยื่นได้ทั้งสองช่องทาง ผู้ประกอบการในเขตเทศบาลยื่นคำขอได้ที่สำนักงานเทศบาล ส่วนนอกเขตเทศบาลยื่นที่องค์การบริหาร"
        "ส่วนตำบลที่ตั้งของร้าน หรือยื่นทางระบบจดทะเบียนทางอิเล็กทรอนิกส์ของกรมพัฒนาธุรกิจการค้า รายละเอียดขั้นตอน "
        "ระยะเวลา และเอกสารที่ต้องใช้อยู่ในหมวดคู่มือสำหรับประชาชน</p>",
    ),
    (
        "qa-flood-relief",
        9,
        "ผู้ประสบอุทกภัยขอรับความช่วยเหลือได้ที่ใด",
        "บ้านที่อำเภอบ้านลาดถูกน้ำท่วมเมื่อสัปดาห์ก่อน ต้องยื่นขอรับความช่วยเหลือที่ใดและใช้เอกสารอะไรบ้างคะ",
        "<p>ยื่นแบบคำร้องขอรับความช่วยเหลือผู้ประสบภัยได้ที่ที่ว่าการอำเภอหรือองค์กรปกครองส่วนท้องถิ่นที่บ้านตั้งอยู่ "
        "ภายใน 90 วันนับแต่วันที่ภัยสิ้นสุด พร้อมสำเนาบัตรประจำตัวประชาชน สำเนาทะเบียนบ้าน และภาพถ่ายความเสียหาย "
        "สอบถามเพิ่มเติมได้ที่สำนักงานป้องกันและบรรเทาสาธารณภัยจังหวัดเพชรบุรี สายด่วน 1784</p>",
    ),
]
# A question waiting for its answer, as the admin shows it (the asker's name and phone are made up).
QUESTION_WAITING = (
    "ขอสอบถามว่าการขออนุญาตจัดงานบุญประจำปีของวัดที่มีมหรสพ ต้องยื่นล่วงหน้ากี่วัน และยื่นที่หน่วยงานใดครับ",
    "สมชาย ใจดี (ข้อมูลตัวอย่าง)",
    "08 1234 5678",
)


def load(site) -> None:
    """Fill ``site`` (an agency set up by ``setup_agency``) with contact details, a map link and news."""
    home = site.root_page.specific
    _settings_fill(site)
    if isinstance(home, HomePage) and not home.intro:
        home.intro = HOME_INTRO
        home.save_revision().publish()

    framework = ItaFramework.objects.filter(name=ITA_FRAMEWORK).first()
    contact = ContactPage.objects.child_of(home).first()
    if contact is not None:
        changed = _ita_tag(contact, "O5", framework)
        if not contact.map_url:
            contact.map_url = MAP_URL
            changed = True
        if changed:
            contact.save_revision().publish()
    privacy = StandardPage.objects.child_of(home).filter(slug="privacy-policy").first()
    if privacy is not None and _ita_tag(privacy, "O10", framework):
        privacy.save_revision().publish()

    _questions_load(site, home, framework)

    news_index = NewsIndexPage.objects.child_of(home).first()
    if news_index is None:
        return
    if _ita_tag(news_index, "O7", framework):
        news_index.save_revision().publish()
    existing = set(news_index.get_children().values_list("slug", flat=True))
    today = timezone.localdate()
    # Oldest first, so that publication order matches the news dates.
    for slug, days_ago, title, summary, body, urgent_days in reversed(NEWS):
        if slug in existing:
            continue
        date = today - datetime.timedelta(days=days_ago)
        page = NewsPage(
            title=title,
            slug=slug,
            date=date,
            summary=summary,
            body=body,
            urgent=urgent_days is not None,
            urgent_until=date + datetime.timedelta(days=urgent_days) if urgent_days else None,
        )
        news_index.add_child(instance=page)
        page.save_revision().publish()


def _questions_load(site, home, framework) -> None:
    """The Q&A page tagged O8, two published answers, and one question waiting (once: found by slug and text)."""
    index = QuestionIndexPage.objects.child_of(home).first()
    if index is None:
        return
    if _ita_tag(index, "O8", framework):
        index.save_revision().publish()
    existing = set(index.get_children().values_list("slug", flat=True))
    today = timezone.localdate()
    for slug, days_ago, title, question, answer in QUESTIONS_ANSWERED:
        if slug in existing:
            continue
        page = QuestionAnswerPage(
            title=title,
            slug=slug,
            question=question,
            asked_on=today - datetime.timedelta(days=days_ago),
            answer=answer,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
    text, name, phone = QUESTION_WAITING
    if not Question.objects.filter(site=site, question=text).exists():
        now = timezone.now()
        question = Question.objects.create(site=site, question=text, name=name, phone=phone, consented_at=now)
        question.reference = reference_for(question)
        question.save(update_fields=["reference"])


def _ita_tag(page, code: str, framework) -> bool:
    """Tag ``page`` (in memory) with ``code`` of ``framework`` unless it has a tag of that framework already."""
    if framework is None or page.ita_items.filter(item__framework=framework).exists():
        return False
    page.ita_items = list(page.ita_items.all()) + ita_items_for(code, framework)
    return True


def _settings_fill(site) -> None:
    settings = AgencySettings.for_site(site)
    changed = []
    for field, value in (("address", ADDRESS), ("phone", PHONE), ("email", EMAIL)):
        if not getattr(settings, field):
            setattr(settings, field, value)
            changed.append(field)
    if changed:
        # Demo data is published directly, as its pages are; a live agency changes it through its workflow.
        agency_data_publish(settings)
