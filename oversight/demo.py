"""Demo content of oversight: the Phetchaburi ITA evidence pages, generated from the pages' tags — OIT 2566 (the set
the demo was first written for, still browsable) and OIT 2569 (the set agencies are assessed on now), to which the
demo agency's evidence is carried over as an administrator would (``oversight.succession``)."""

from oversight.models import ItaEvidencePage, ItaFramework
from oversight.succession import ita_carry_over_plan, tags_add

EVIDENCE_PAGES = [
    (
        "OIT 2566",
        "ita-2566",
        "การเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ 2566",
        "<p>รายการข้อมูลตามตัวชี้วัดการเปิดเผยข้อมูลสาธารณะ พร้อมลิงก์ไปยังข้อมูลที่เผยแพร่บนเว็บไซต์นี้</p>",
    ),
    (
        "OIT 2569",
        "ita-2569",
        "การเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ 2569",
        "<p>รายการข้อมูลตามตัวชี้วัดการเปิดเผยข้อมูลสาธารณะของการประเมิน ITA ปีงบประมาณ 2569 "
        "แผนและหลักเกณฑ์เป็นของปีงบประมาณ 2569 รายงานและสถิติเป็นของปีงบประมาณ 2568</p>",
    ),
]


def load(site):
    carry_over = ItaFramework.objects.filter(name="OIT 2569", agency_type="").first()
    if carry_over is not None:
        tags_add(ita_carry_over_plan(carry_over, site))
    home = site.root_page.specific
    for name, slug, title, intro in EVIDENCE_PAGES:
        framework = ItaFramework.objects.filter(name=name, agency_type="").first()
        if framework is None or home.get_children().filter(slug=slug).exists():
            continue
        page = ItaEvidencePage(title=title, slug=slug, framework=framework, intro=intro)
        home.add_child(instance=page)
        page.save_revision().publish()
