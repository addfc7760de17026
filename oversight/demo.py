"""Demo content of oversight: the Phetchaburi ITA evidence page for OIT 2566, generated from the pages' tags."""

from oversight.models import ItaEvidencePage, ItaFramework


def load(site):
    home = site.root_page.specific
    if home.get_children().filter(slug="ita-2566").exists():
        return
    framework = ItaFramework.objects.filter(name="OIT 2566", agency_type="").first()
    if framework is None:
        return
    page = ItaEvidencePage(
        title="การเปิดเผยข้อมูลสาธารณะ (OIT) ปีงบประมาณ 2566",
        slug="ita-2566",
        framework=framework,
        intro="<p>รายการข้อมูลตามตัวชี้วัดการเปิดเผยข้อมูลสาธารณะ พร้อมลิงก์ไปยังข้อมูลที่เผยแพร่บนเว็บไซต์นี้</p>",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
