from core.models import IndexPage


class ServiceIndexPage(IndexPage):
    """R1.5 คู่มือสำหรับประชาชน: the agency's citizen's manuals."""

    requirement = "R1.5"
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หมวดคู่มือสำหรับประชาชน (R1.5)"
