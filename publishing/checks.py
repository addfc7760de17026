"""The working group's checks (R3.2, and the personal-data check of PDPA / OIA s.9): one declaration that the form,
the review model, the services, the audit log, the record, the reports and the tests read, as Wagtail's
``PAGE_PERMISSION_TYPES`` feeds its forms and checks. Adding a check is one line here and a migration (the review
model grows a field named after it)."""

import dataclasses

from django.db.models import Q


@dataclasses.dataclass(frozen=True)
class Check:
    name: str  # the review model's field, the form's field, the audit log's key
    label: str  # Thai, as the announcement words it
    help_text: str
    # False: always required to approve. True: required only when personal data was found in what is published.
    only_with_personal_data: bool = False

    def applies(self, personal_data_found: bool) -> bool:
        return personal_data_found or not self.only_with_personal_data


CHECKS: tuple[Check, ...] = (
    Check("accuracy", "ความถูกต้อง", "ข้อมูลถูกต้องตรงกับต้นฉบับและข้อเท็จจริง"),
    Check("completeness", "ความครบถ้วน", "ข้อมูลและเอกสารประกอบครบถ้วนตามที่กำหนด"),
    Check("currency", "ความเป็นปัจจุบัน", "ข้อมูลเป็นฉบับล่าสุดและยังใช้บังคับอยู่"),
    Check("appropriateness", "ความเหมาะสม", "เหมาะสมที่จะเผยแพร่ต่อสาธารณะ ไม่มีข้อมูลที่ไม่ควรเปิดเผย"),
    Check(
        "personal_data",
        "ข้อมูลส่วนบุคคล",
        "ได้ตรวจสอบข้อมูลส่วนบุคคลที่ระบบพบแล้ว ปกปิดแล้ว หรือเปิดเผยได้โดยชอบด้วยกฎหมาย "
        "(พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 และมาตรา 9 วรรคสอง พ.ร.บ.ข้อมูลข่าวสารของราชการ พ.ศ. 2540)",
        only_with_personal_data=True,
    ),
)

CHECK_NAMES: tuple[str, ...] = tuple(check.name for check in CHECKS)


def checks_applying(personal_data_found: bool) -> tuple[Check, ...]:
    """The checks the working group must tick to approve what is under review."""
    return tuple(check for check in CHECKS if check.applies(personal_data_found))


def checks_summary(personal_data_found: bool = False) -> str:
    """The labels of the checks that apply, joined for a Thai sentence: "ความถูกต้อง ความครบถ้วน ... และความเหมาะสม"."""
    labels = [check.label for check in checks_applying(personal_data_found)]
    return labels[0] if len(labels) == 1 else " ".join(labels[:-1]) + " และ" + labels[-1]


def checks_complete_q(prefix: str = "") -> Q:
    """A filter for reviews whose every applicable check is ticked (``prefix`` reaches the review from another
    model, e.g. ``"checklist_review__"``). A check that only applies with personal data counts when nothing was
    found."""
    condition = Q()
    for check in CHECKS:
        ticked = Q(**{f"{prefix}{check.name}": True})
        if check.only_with_personal_data:
            ticked |= Q(**{f"{prefix}personal_data_count": 0})
        condition &= ticked
    return condition
