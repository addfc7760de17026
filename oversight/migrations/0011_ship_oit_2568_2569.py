"""Ship the OIT sets agencies are assessed on now: OIT 2568 and OIT 2569 (26 items each), with what the assessor looks
for under each item, the fiscal year its evidence covers and its source, and the successions 2566 -> 2568 -> 2569
(``oversight/frameworks/*.csv``, the same format an administrator imports a new year in). OIT 2566 stays, and gets
its years (plans of 2566, reports of 2565) and the per-item years of its expected evidence.

Only what is missing is created: an administrator's edits are never replaced, and reversing removes nothing."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "frameworks"

SOURCES = (
    "ไม่พบคู่มือการประเมิน ITA ปี 2568/2569 ของสำนักงาน ป.ป.ช. ในแหล่งที่เปิดเผย รายการนี้ประกอบจาก: "
    "หัวข้อ OIT ที่หน่วยงานเผยแพร่ (https://github.com/rtrdasmartrailway/web-app-rtrda/blob/main/src/lib/wp/"
    "ita-headings-override.ts และไฟล์ทดสอบของไฟล์นี้ "
    "https://github.com/rtrdasmartrailway/web-app-rtrda/blob/main/src/lib/wp/landing-guide-pages.ts); "
    "ปฏิทินและวิธีตอบใน ITAS (https://itas.nacc.go.th ข่าว 1741, 1601, 2181); "
    "เกณฑ์ของปีก่อนที่หน่วยงานเผยแพร่ (http://agri.vru.ac.th/th/?page=ITA สำหรับ OIT 2567) "
    "ชื่อ O2 และ O5-O7 เป็นการอนุมาน ตรวจสอบกับคู่มือของสำนักงาน ป.ป.ช. เมื่อเผยแพร่ และแก้ไขได้ที่เมนูชุดตัวชี้วัด"
)

FRAMEWORKS = [
    {
        "name": "OIT 2568",
        "fiscal_year": 2568,
        "plans_fiscal_year": 2568,
        "reports_fiscal_year": 2567,
        "description": "การเปิดเผยข้อมูลสาธารณะ (OIT) ของการประเมิน ITA ปีงบประมาณ 2568 (26 ตัวชี้วัด)",
        "items": "oit-2568.csv",
        "previous": "OIT 2566",
        "successors": "successors-2566-2568.csv",
    },
    {
        "name": "OIT 2569",
        "fiscal_year": 2569,
        "plans_fiscal_year": 2569,
        "reports_fiscal_year": 2568,
        "description": "การเปิดเผยข้อมูลสาธารณะ (OIT) ของการประเมิน ITA ปีงบประมาณ 2569 (26 ตัวชี้วัด)",
        "items": "oit-2569.csv",
        "previous": "OIT 2568",
        "successors": "successors-2568-2569.csv",
    },
]

# OIT 2566's items whose evidence is of the year assessed (plans) or of the year before (reports).
OIT_2566_YEARS = {
    "plan": "O7 O11 O12 O16 O19 O20 O21 O24 O30 O31 O32 O34 O35 O36 O37 O40 O43",
    "report": "O13 O17 O22 O26 O29 O33 O38",
}


def _rows(name):
    with open(DATA / name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def ship(apps, schema_editor):
    ItaFramework = apps.get_model("oversight", "ItaFramework")
    ItaItem = apps.get_model("oversight", "ItaItem")
    ItaItemSuccessor = apps.get_model("oversight", "ItaItemSuccessor")

    oit_2566 = ItaFramework.objects.filter(name="OIT 2566", agency_type="").first()
    if oit_2566 is not None:
        if oit_2566.plans_fiscal_year is None and oit_2566.reports_fiscal_year is None:
            oit_2566.plans_fiscal_year, oit_2566.reports_fiscal_year = 2566, 2565
            oit_2566.save(update_fields=["plans_fiscal_year", "reports_fiscal_year"])
        for coverage, codes in OIT_2566_YEARS.items():
            ItaItem.objects.filter(framework=oit_2566, code__in=codes.split(), year_coverage="").update(
                year_coverage=coverage
            )

    for spec in FRAMEWORKS:
        previous = ItaFramework.objects.filter(name=spec["previous"], agency_type="").first()
        framework, created = ItaFramework.objects.get_or_create(
            fiscal_year=spec["fiscal_year"],
            name=spec["name"],
            agency_type="",
            defaults={
                "description": spec["description"],
                "plans_fiscal_year": spec["plans_fiscal_year"],
                "reports_fiscal_year": spec["reports_fiscal_year"],
                "source": SOURCES,
                "previous": previous,
            },
        )
        have = set(framework.items.values_list("code", flat=True))
        for order, row in enumerate(_rows(spec["items"]), start=1):
            if row["code"] in have:
                continue
            ItaItem.objects.create(
                framework=framework,
                code=row["code"],
                name=row["name"],
                description=row["description"],
                expected_evidence=row["expected_evidence"],
                year_coverage=row["year"],
                source=row["source"],
                sort_order=order,
            )
        if previous is None:
            continue
        old = {item.code: item for item in previous.items.all()}
        new = {item.code: item for item in framework.items.all()}
        for row in _rows(spec["successors"]):
            if row["old_code"] in old and row["new_code"] in new:
                ItaItemSuccessor.objects.get_or_create(
                    item=old[row["old_code"]],
                    successor=new[row["new_code"]],
                    defaults={"kind": row["kind"], "note": row["note"]},
                )


class Migration(migrations.Migration):
    dependencies = [("oversight", "0010_ita_years_windows_successors")]

    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
