from core.models import IndexPage


class BasicInfoIndexPage(IndexPage):
    """R1.1 ข้อมูลพื้นฐาน: structure, executives, heads of government units."""

    requirement = "R1.1"
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หมวดข้อมูลพื้นฐาน (R1.1)"


class PlanIndexPage(IndexPage):
    """R1.2 แผนพัฒนาและแผนปฏิบัติราชการ with their monitoring and evaluation."""

    requirement = "R1.2"
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หมวดแผนยุทธศาสตร์และการติดตามประเมินผล (R1.2)"


class LawIndexPage(IndexPage):
    """R1.3 กฎหมาย ระเบียบ ข้อบังคับ, each with its source."""

    requirement = "R1.3"
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หมวดกฎหมาย ระเบียบ ข้อบังคับ (R1.3)"


class OfficialInfoIndexPage(IndexPage):
    """R1.4 ข้อมูลข่าวสารที่จัดไว้ให้ประชาชนตรวจดูได้ (Official Information Act s.7, s.9)."""

    requirement = "R1.4"
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หมวดข้อมูลข่าวสารตาม พ.ร.บ.ข้อมูลข่าวสารฯ (R1.4)"
