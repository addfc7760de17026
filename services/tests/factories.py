"""Small builders for citizen's manuals in tests (not demo content)."""

from services.models import ServiceCategory, ServiceFee, ServicePage, ServiceStep


def manual_create(index, title, *, slug=None, category=ServiceCategory.REGISTER, unit=None, steps=None, fees=None):
    """A live manual under ``index``; ``steps`` are ``(name, duration, unit)``, ``fees`` ``(description, amount)``;
    without fees the manual is marked "no fee"."""
    steps = steps if steps is not None else [("ยื่นคำขอ", 10, "minutes"), ("พิจารณา", 1, "working_days")]
    fees = fees or []
    page = ServicePage(
        title=title,
        slug=slug or f"manual-{ServicePage.objects.count() + 1}",
        category=category,
        responsible_unit=unit,
        legal_basis="พระราชบัญญัติการทะเบียนราษฎร พ.ศ. 2534",
        criteria="<p>ผู้ยื่นคำขอต้องเป็นเจ้าบ้าน</p>",
        complaint_channels="ศูนย์ดำรงธรรมจังหวัดเพชรบุรี สายด่วน 1567",
        no_fee=not fees,
        steps=[ServiceStep(name=name, duration=d, unit=u, responsible_unit=unit) for name, d, u in steps],
        fees=[ServiceFee(description=desc, amount=amount) for desc, amount in fees],
    )
    index.add_child(instance=page)
    return page
