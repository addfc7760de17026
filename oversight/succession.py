"""Moving to a new ITA year: a framework's items and their successions read from CSV (the format the shipped sets in
``oversight/frameworks/`` are written in), the import of a new year shown before anything is written, and the
carry-over of an agency's evidence from the items of earlier years to the items that succeed them.

An item of one framework is succeeded by items of the next (``ItaItemSuccessor``: the same item, renamed, merged with
others, split, or changed); frameworks chain through ``ItaFramework.previous``, so the evidence of OIT 2566 reaches
OIT 2569 through OIT 2568. Evidence of a known fiscal year is proposed only for a successor that wants that year: a
plan of 2568 is not proposed where the new year asks for the plan of 2569."""

import csv
import datetime
import io
from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from wagtail.log_actions import log
from wagtail.models import Page, Site

from core.models import AgencySettings
from documents.models import LibraryDocument
from oversight.models import (
    ItaFramework,
    ItaItem,
    ItaItemSuccessor,
    PageItaItem,
    SuccessionKind,
    YearCoverage,
)
from oversight.selectors import covers_year, page_fiscal_years

MAX_CSV_BYTES = 2 * 1024 * 1024
ITEM_COLUMNS = ["code", "name", "description", "expected_evidence", "year", "source"]
SUCCESSION_COLUMNS = ["old_code", "new_code", "kind", "note"]
CARRY_OVER_ACTION = "prongsai.ita.carry_over"
YEAR_WORDS = {
    "": YearCoverage.CURRENT,
    "current": YearCoverage.CURRENT,
    "plan": YearCoverage.PLAN,
    "report": YearCoverage.REPORT,
    "ปีที่ประเมิน": YearCoverage.PLAN,
    "ปีก่อน": YearCoverage.REPORT,
}


class CsvImportError(Exception):
    """The CSV cannot be imported; ``errors`` says why, row by row, in Thai. Nothing was saved."""

    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


def _text(fileobj, what: str) -> str:
    raw = fileobj.read(MAX_CSV_BYTES + 1)
    if len(raw) > MAX_CSV_BYTES:
        raise CsvImportError([f"{what}ใหญ่เกิน 2 เมกะไบต์"])
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CsvImportError([f"อ่าน{what}ไม่ได้: กรุณาบันทึกไฟล์ CSV เป็น UTF-8"])
    if "\x00" in text:
        raise CsvImportError([f"{what}ไม่ใช่ไฟล์ CSV"])
    return text


def _table(text: str, columns: list[str], what: str) -> tuple[list[dict], int]:
    """The rows of a CSV as dicts of ``columns`` (stripped), and the number of the first row. With a header row the
    columns are read by name (any order, extra columns refused); without one they are positional."""
    try:
        rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    except csv.Error:
        raise CsvImportError([f"อ่าน{what}ไม่ได้: รูปแบบ CSV ไม่ถูกต้อง"]) from None
    if not rows:
        raise CsvImportError([f"ไม่พบข้อมูลใน{what} (คอลัมน์: {','.join(columns)})"])
    header = [cell.strip().lower() for cell in rows[0]]
    first = 1
    if header[0] == columns[0]:
        unknown = [name for name in header if name and name not in columns]
        if unknown:
            raise CsvImportError([f"{what}มีคอลัมน์ที่ไม่รู้จัก: {', '.join(unknown)} (คอลัมน์ที่ใช้ได้: {','.join(columns)})"])
        names, rows, first = header, rows[1:], 2
    else:
        names = columns
    table = []
    for row in rows:
        if len(row) > len(names) and any(cell.strip() for cell in row[len(names) :]):
            table.append(None)  # too many cells: reported by the caller with the row's number
            continue
        table.append({name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(names)})
    if not table:
        raise CsvImportError([f"ไม่พบข้อมูลใน{what} (คอลัมน์: {','.join(columns)})"])
    return table, first


@dataclass
class ItemRow:
    code: str
    name: str
    description: str = ""
    expected_evidence: str = ""
    year_coverage: str = YearCoverage.CURRENT
    source: str = ""


def framework_items_parse(fileobj) -> list[ItemRow]:
    """The items of a framework CSV: ``code,name[,description,expected_evidence,year,source]`` (``year``: empty,
    ``plan`` or ``report``), with or without a header row. Refused (``CsvImportError``, every problem named by its
    row, in Thai): not CSV text, a row without a code or a name, a code twice, a code over 20 or a name over 500
    characters, an unknown year word."""
    table, first = _table(_text(fileobj, "ไฟล์รายการตัวชี้วัด"), ITEM_COLUMNS, "ไฟล์รายการตัวชี้วัด")
    errors, seen, items = [], {}, []
    for number, row in enumerate(table, start=first):
        where = f"ไฟล์รายการตัวชี้วัด แถวที่ {number}"
        if row is None:
            errors.append(f"{where}: มีคอลัมน์เกิน ({','.join(ITEM_COLUMNS)})")
            continue
        code, name = row.get("code", "").upper(), row.get("name", "")
        year = row.get("year", "").lower()
        if not code:
            errors.append(f"{where}: ไม่มีรหัสตัวชี้วัด")
        elif len(code) > 20:
            errors.append(f"{where}: รหัส “{code[:30]}” ยาวเกิน 20 ตัวอักษร")
        elif code in seen:
            errors.append(f"{where}: รหัส {code} ซ้ำกับแถวที่ {seen[code]}")
        if not name:
            errors.append(f"{where}: ไม่มีชื่อตัวชี้วัด")
        elif len(name) > 500:
            errors.append(f"{where}: ชื่อตัวชี้วัดยาวเกิน 500 ตัวอักษร")
        if year not in YEAR_WORDS:
            errors.append(f"{where}: ปีของหลักฐาน “{year}” ไม่ถูกต้อง (เว้นว่าง, plan หรือ report)")
        if len(row.get("source", "")) > 1000:
            errors.append(f"{where}: ที่มายาวเกิน 1,000 ตัวอักษร")
        if code:
            seen.setdefault(code, number)
        items.append(
            ItemRow(
                code=code,
                name=name,
                description=row.get("description", ""),
                expected_evidence=row.get("expected_evidence", ""),
                year_coverage=YEAR_WORDS.get(year, ""),
                source=row.get("source", ""),
            )
        )
    if errors:
        raise CsvImportError(errors)
    return items


@dataclass
class SuccessionRow:
    number: int
    old_code: str
    new_code: str
    kind: str = SuccessionKind.SAME
    note: str = ""


def successions_parse(fileobj) -> list[SuccessionRow]:
    """The rows of a succession (mapping) CSV: ``old_code,new_code[,kind,note]`` with or without a header. Several old
    codes may name one new code (a merge), one old code several new ones (a split). ``kind`` is empty or one of
    ``same renamed merged split changed``. Refused (``CsvImportError``, in Thai, every row): not CSV text, a row
    without both codes, a code over 20 characters, an unknown kind, a pair twice."""
    table, first = _table(_text(fileobj, "ไฟล์จับคู่รหัส"), SUCCESSION_COLUMNS, "ไฟล์จับคู่รหัส")
    errors, rows, seen = [], [], {}
    for number, row in enumerate(table, start=first):
        where = f"ไฟล์จับคู่รหัส แถวที่ {number}"
        if row is None:
            errors.append(f"{where}: มีคอลัมน์เกิน (ต้องเป็น {','.join(SUCCESSION_COLUMNS)})")
            continue
        old, new = row.get("old_code", "").upper(), row.get("new_code", "").upper()
        kind = row.get("kind", "").lower() or SuccessionKind.SAME
        if not old or not new:
            errors.append(f"{where}: ต้องมีทั้งรหัสเดิมและรหัสใหม่")
            continue
        if len(old) > 20 or len(new) > 20:
            errors.append(f"{where}: รหัสยาวเกิน 20 ตัวอักษร")
            continue
        if kind not in SuccessionKind.values:
            errors.append(f"{where}: การเปลี่ยนแปลง “{kind}” ไม่ถูกต้อง (same, renamed, merged, split หรือ changed)")
            continue
        if (old, new) in seen:
            errors.append(f"{where}: คู่ {old} → {new} ซ้ำกับแถวที่ {seen[(old, new)]}")
            continue
        seen[(old, new)] = number
        rows.append(SuccessionRow(number, old, new, kind, row.get("note", "")[:500]))
    if errors:
        raise CsvImportError(errors)
    return rows


# -- the carry-over of evidence --------------------------------------------------------------------------------------


def framework_chain(framework: ItaFramework) -> list[int]:
    """The ids of ``framework`` and of the frameworks it follows, newest first (``previous`` after ``previous``,
    stopping at a loop). One query per framework in the chain."""
    ids, current = [framework.pk], framework
    while current.previous_id and current.previous_id not in ids:
        ids.append(current.previous_id)
        current = ItaFramework.objects.only("pk", "previous_id").get(pk=current.previous_id)
    return ids


def successor_targets(framework: ItaFramework) -> dict[int, set[int]]:
    """``{item id of an earlier framework: {ids of framework's items it leads to}}``, following the chain of
    ``previous`` frameworks back: OIT 2566's O2 leads to OIT 2569's O2 through OIT 2568's O2. Two queries per
    framework in the chain."""
    targets: dict[int, set[int]] = {item_id: {item_id} for item_id in framework.items.values_list("pk", flat=True)}
    reached = set(targets)
    for previous_id in framework_chain(framework)[1:]:
        links = ItaItemSuccessor.objects.filter(item__framework_id=previous_id, successor_id__in=reached)
        step: dict[int, set[int]] = {}
        for item_id, successor_id in links.values_list("item_id", "successor_id"):
            step.setdefault(item_id, set()).update(targets[successor_id])
        targets.update(step)
        reached = set(step)
    return {item_id: ids for item_id, ids in targets.items() if item_id not in ids}


@dataclass
class CarryLine:
    """An item of the new framework and the evidence proposed for it, by the old item it comes from."""

    old_code: str
    old_name: str
    old_framework: str
    new_code: str
    new_name: str
    kind: str
    pages: list = field(default_factory=list)  # [(page id, title)]
    documents: list = field(default_factory=list)  # [(document id, title)]
    wrong_year: list = field(default_factory=list)  # [title]: evidence of another year, not proposed


@dataclass
class CarryOverPlan:
    """What moving to ``framework`` would tag: ``lines`` (evidence proposed for each new item, by the old item it comes
    from), ``without_successor`` (old items with evidence and no successor: ``(framework, code, name, count)``),
    ``new_items`` (new items that nothing leads to: ``(code, name)``), and the ``(page id, item id)`` and
    ``(document id, item id)`` tags to add."""

    framework: str
    lines: list = field(default_factory=list)
    without_successor: list = field(default_factory=list)
    new_items: list = field(default_factory=list)
    page_tags: list = field(default_factory=list)
    document_tags: list = field(default_factory=list)

    @property
    def pages_count(self) -> int:
        return len({page_id for page_id, _ in self.page_tags})

    @property
    def documents_count(self) -> int:
        return len({document_id for document_id, _ in self.document_tags})

    @property
    def items_carried(self) -> int:
        return len({item_id for _, item_id in self.page_tags} | {item_id for _, item_id in self.document_tags})

    def as_dict(self) -> dict:
        return asdict(self)


def ita_carry_over_plan(framework: ItaFramework, site: Site | None = None) -> CarryOverPlan:
    """What moving ``site``'s agency (every agency when ``None``) to ``framework`` would tag, writing nothing: every
    page of its tree (drafts too) and every document of its collection tagged with an item of an earlier framework
    in the chain is proposed for that item's successors in ``framework`` — unless it states a fiscal year other
    than the one the successor wants, or it is already tagged with it. A merge gets every old item's evidence."""
    targets = successor_targets(framework)
    new_items = {item.pk: item for item in framework.items.all()}
    old_items = {
        item.pk: item
        for item in ItaItem.objects.filter(framework__in=framework_chain(framework))
        .exclude(framework=framework)
        .select_related("framework")
    }
    expected = {pk: framework.expected_fiscal_year(item) for pk, item in new_items.items()}

    page_links = PageItaItem.objects.filter(item_id__in=old_items)
    doc_links = LibraryDocument.ita_items.through.objects.filter(itaitem_id__in=old_items)
    have_pages = PageItaItem.objects.filter(item__framework=framework)
    have_docs = LibraryDocument.ita_items.through.objects.filter(itaitem__framework=framework)
    if site is not None:
        tree = Page.objects.descendant_of(site.root_page, inclusive=True)
        collection_id = AgencySettings.for_site(site).collection_id
        page_links, have_pages = page_links.filter(page__in=tree), have_pages.filter(page__in=tree)
        doc_links = doc_links.filter(librarydocument__collection_id=collection_id)
        have_docs = have_docs.filter(librarydocument__collection_id=collection_id)
    have = set(have_pages.values_list("page_id", "item_id"))
    have_doc = set(have_docs.values_list("librarydocument_id", "itaitem_id"))

    page_tags = list(page_links.values_list("page_id", "item_id").order_by("item__sort_order", "page__path"))
    pages = {page.pk: page for page in Page.objects.filter(pk__in={p for p, _ in page_tags}).only("pk", "title")}
    page_years = page_fiscal_years(list(pages.values()))
    doc_tags = list(
        doc_links.values_list("librarydocument_id", "itaitem_id").order_by(
            "itaitem__sort_order", "librarydocument__title"
        )
    )
    documents = {
        doc.pk: doc
        for doc in LibraryDocument.objects.filter(pk__in={d for d, _ in doc_tags}).only("pk", "title", "fiscal_year")
    }

    # The direct successions' kinds, in one query; an old item two frameworks back reaches its successor through
    # several successions.
    kinds = {
        (item_id, successor_id): SuccessionKind(kind).label
        for item_id, successor_id, kind in ItaItemSuccessor.objects.filter(
            item_id__in=old_items, successor_id__in=new_items
        ).values_list("item_id", "successor_id", "kind")
    }
    plan = CarryOverPlan(framework=str(framework))
    lines: dict[tuple[int, int], CarryLine] = {}
    evidence_without: dict[int, int] = {}

    def line(old_id, new_id):
        key = (old_id, new_id)
        if key not in lines:
            old, new = old_items[old_id], new_items[new_id]
            lines[key] = CarryLine(
                old.code, old.name, old.framework.name, new.code, new.name, kinds.get((old_id, new_id), "สืบทอดผ่านหลายปี")
            )
        return lines[key]

    for kind, tags, objects, years_of, existing, out in (
        ("page", page_tags, pages, lambda pk: page_years.get(pk, (None, None)), have, plan.page_tags),
        ("document", doc_tags, documents, lambda pk: (documents[pk].fiscal_year, None), have_doc, plan.document_tags),
    ):
        for object_id, old_id in tags:
            successors = targets.get(old_id)
            if not successors:
                evidence_without[old_id] = evidence_without.get(old_id, 0) + 1
                continue
            for new_id in sorted(successors, key=lambda pk: new_items[pk].sort_order):
                if (object_id, new_id) in existing:
                    continue
                entry = line(old_id, new_id)
                title = objects[object_id].title
                if not covers_year(expected[new_id], years_of(object_id)):
                    entry.wrong_year.append(title)
                    continue
                (entry.pages if kind == "page" else entry.documents).append((object_id, title))
                existing.add((object_id, new_id))
                out.append((object_id, new_id))

    plan.lines = [
        lines[key] for key in sorted(lines, key=lambda key: (new_items[key[1]].sort_order, old_items[key[0]].code))
    ]
    plan.without_successor = [
        (old_items[pk].framework.name, old_items[pk].code, old_items[pk].name, count)
        for pk, count in sorted(
            evidence_without.items(),
            key=lambda kv: (old_items[kv[0]].framework.fiscal_year, old_items[kv[0]].sort_order),
        )
    ]
    led_to = {new_id for ids in targets.values() for new_id in ids}
    plan.new_items = [(item.code, item.name) for pk, item in new_items.items() if pk not in led_to]
    return plan


def user_can_carry_over(user, site: Site) -> bool:
    """The agency's website administrators (or a superuser) move its evidence to a new year."""
    from oversight.selectors import _has_role

    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or _has_role(user, site, "administrators")


def ita_carry_over_apply(framework: ItaFramework, site: Site, user) -> CarryOverPlan:
    """Tag ``site``'s evidence as ``ita_carry_over_plan`` proposes, all at once; only the agency's website
    administrators or a superuser (``PermissionDenied``). Pages keep the tags in their latest revisions too.
    Written into the audit log of the agency's home page with the counts. Run twice, the second run adds nothing."""
    if not user_can_carry_over(user, site):
        raise PermissionDenied("เฉพาะผู้ดูแลระบบเว็บไซต์ของหน่วยงานนี้เท่านั้นที่ยกหลักฐานไปยังชุดตัวชี้วัดใหม่ได้")
    with transaction.atomic():
        Site.objects.select_for_update().filter(pk=site.pk).first()
        plan = ita_carry_over_plan(framework, site)
        tags_add(plan)
        if plan.page_tags or plan.document_tags:
            log(
                instance=site.root_page.specific,
                action=CARRY_OVER_ACTION,
                user=user,
                data={
                    "framework": str(framework),
                    "pages": plan.pages_count,
                    "documents": plan.documents_count,
                    "items": plan.items_carried,
                },
            )
    return plan


def tags_add(plan: CarryOverPlan) -> None:
    """Write the tags of ``plan``: pages (rows and latest revisions) and documents; purge the ITA pages concerned."""
    if plan.page_tags:
        page_tags_add(plan.page_tags)
    if plan.document_tags:
        from core.page_cache import purge_on_commit

        through = LibraryDocument.ita_items.through
        through.objects.bulk_create(
            [through(librarydocument_id=doc_id, itaitem_id=item_id) for doc_id, item_id in plan.document_tags],
            ignore_conflicts=True,
        )
        collections = LibraryDocument.objects.filter(pk__in={d for d, _ in plan.document_tags}).values_list(
            "collection_id", flat=True
        )
        purge_on_commit(deps={f"ita-documents:{pk}" for pk in collections})


def page_tags_add(pairs: list[tuple[int, int]]) -> None:
    """Add ``(page id, item id)`` tags to the pages' rows and to their latest revisions (publishing a pending draft
    later keeps them); purge the ITA evidence pages of the agencies concerned from the page cache."""
    from modelcluster.models import get_serializable_data_for_fields
    from wagtail.models import Revision

    from core.page_cache import purge_on_commit
    from core.page_cache_triggers import site_of

    page_ids = {page_id for page_id, _ in pairs}
    last_order = dict(
        PageItaItem.objects.filter(page_id__in=page_ids)
        .values("page_id")
        .annotate(last=Max("sort_order"))
        .values_list("page_id", "last")
    )
    rows = []
    for page_id, item_id in pairs:
        last_order[page_id] = (last_order.get(page_id) or 0) + 1
        rows.append(PageItaItem(page_id=page_id, item_id=item_id, sort_order=last_order[page_id]))
    rows = PageItaItem.objects.bulk_create(rows)
    by_page: dict[int, list] = {}
    for row in rows:
        by_page.setdefault(row.page_id, []).append(get_serializable_data_for_fields(row))

    pages = Page.objects.filter(pk__in=page_ids).values_list("pk", "latest_revision_id", "url_path")
    revisions = Revision.objects.filter(pk__in=[revision for _, revision, _ in pages if revision])
    changed = []
    for revision in revisions:
        content = revision.content
        content["ita_items"] = list(content.get("ita_items") or []) + by_page[int(revision.object_id)]
        changed.append(revision)
    Revision.objects.bulk_update(changed, ["content"])
    sites = {site_of(url_path) for _, _, url_path in pages}
    purge_on_commit(deps={f"ita:{site_id}" for site_id in sites if site_id})


# -- importing a new year --------------------------------------------------------------------------------------------


@dataclass
class ImportPreview:
    """A new year's framework as it would be imported, nothing written yet: its fields, its items, its successions
    from ``previous`` (the mapping file's, else the same code's), and what they mean — each succession with the
    evidence it would carry (pages and documents, over every agency), the old items that no new item succeeds and
    the new items that succeed nothing. Plain values, so that it waits in the session between preview and confirm."""

    fiscal_year: int
    name: str
    agency_type: str = ""
    description: str = ""
    plans_fiscal_year: int | None = None
    reports_fiscal_year: int | None = None
    window_start: str = ""
    window_end: str = ""
    source: str = ""
    previous_id: int | None = None
    previous_name: str = ""
    items: list = field(default_factory=list)
    successions: list = field(default_factory=list)
    carried: list = field(default_factory=list)  # [old code, old name, new code, new name, kind label, evidence]
    without_successor: list = field(default_factory=list)  # [old code, old name, evidence]
    new_items: list = field(default_factory=list)  # [code, name]

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ImportPreview":
        preview = cls(**data)
        preview.items = [ItemRow(**row) for row in data["items"]]
        preview.successions = [SuccessionRow(**row) for row in data["successions"]]
        return preview


def framework_import_preview(
    items_file,
    successions_file=None,
    *,
    fiscal_year: int,
    name: str,
    agency_type: str = "",
    description: str = "",
    plans_fiscal_year: int | None = None,
    reports_fiscal_year: int | None = None,
    window_start: datetime.date | None = None,
    window_end: datetime.date | None = None,
    source: str = "",
    previous: ItaFramework | None = None,
) -> ImportPreview:
    """Read a new year's list (``framework_items_parse``) and its mapping from ``previous`` (``successions_parse``;
    without one, each old code is succeeded by the same new code where there is one) and say what importing would
    do, writing nothing. Refused (``CsvImportError``, every problem in Thai): a bad file, a framework of that year,
    name and agency type that exists already, a mapping without a previous framework, a mapping row naming a code
    that is in neither list."""
    errors = []
    items = framework_items_parse(items_file)
    if ItaFramework.objects.filter(fiscal_year=fiscal_year, name=name, agency_type=agency_type).exists():
        errors.append(f"มีชุดตัวชี้วัด “{name}” ปีงบประมาณ {fiscal_year} อยู่แล้ว กรุณาใช้ชื่ออื่นหรือแก้ไขชุดเดิมที่เมนูชุดตัวชี้วัด")
    successions = successions_parse(successions_file) if successions_file is not None else None
    if successions is not None and previous is None:
        errors.append("ไฟล์จับคู่รหัสใช้ได้เมื่อเลือกชุดตัวชี้วัดเดิมเท่านั้น")
    if window_start and window_end and window_end < window_start:
        errors.append("วันสิ้นสุดช่วงการประเมินต้องไม่ก่อนวันเริ่ม")
    new_codes = {item.code: item for item in items}
    old_items = {item.code: item for item in previous.items.all()} if previous else {}
    if successions is None:
        successions = [SuccessionRow(0, code, code, SuccessionKind.SAME) for code in old_items if code in new_codes]
    for row in successions:
        if previous is not None and row.old_code not in old_items:
            errors.append(f"ไฟล์จับคู่รหัส แถวที่ {row.number}: ไม่มีรหัสเดิม {row.old_code} ใน “{previous}”")
        if row.new_code not in new_codes:
            errors.append(f"ไฟล์จับคู่รหัส แถวที่ {row.number}: ไม่มีรหัสใหม่ {row.new_code} ในไฟล์รายการตัวชี้วัด")
    if errors:
        raise CsvImportError(errors)

    preview = ImportPreview(
        fiscal_year=fiscal_year,
        name=name,
        agency_type=agency_type,
        description=description,
        plans_fiscal_year=plans_fiscal_year,
        reports_fiscal_year=reports_fiscal_year,
        window_start=window_start.isoformat() if window_start else "",
        window_end=window_end.isoformat() if window_end else "",
        source=source,
        previous_id=previous.pk if previous else None,
        previous_name=str(previous) if previous else "",
        items=items,
        successions=successions,
    )
    if previous is not None:
        evidence = _evidence_counts(previous)
        succeeded = set()
        for row in successions:
            old = old_items[row.old_code]
            succeeded.add(row.old_code)
            preview.carried.append(
                [
                    old.code,
                    old.name,
                    row.new_code,
                    new_codes[row.new_code].name,
                    SuccessionKind(row.kind).label,
                    evidence.get(old.pk, 0),
                ]
            )
        preview.without_successor = [
            [code, item.name, evidence.get(item.pk, 0)] for code, item in old_items.items() if code not in succeeded
        ]
    led_to = {row.new_code for row in successions}
    preview.new_items = [[item.code, item.name] for item in items if item.code not in led_to]
    return preview


def _evidence_counts(framework: ItaFramework) -> dict[int, int]:
    """``{item id: pages and documents tagged with it}`` over every agency. Two queries."""
    from django.db.models import Count

    counts: dict[int, int] = {}
    for item_id, count in (
        PageItaItem.objects.filter(item__framework=framework)
        .values("item_id")
        .annotate(n=Count("pk"))
        .values_list("item_id", "n")
    ):
        counts[item_id] = count
    through = LibraryDocument.ita_items.through
    for item_id, count in (
        through.objects.filter(itaitem__framework=framework)
        .values("itaitem_id")
        .annotate(n=Count("pk"))
        .values_list("itaitem_id", "n")
    ):
        counts[item_id] = counts.get(item_id, 0) + count
    return counts


def framework_import_confirm(preview: ImportPreview, user=None) -> tuple[ItaFramework, CarryOverPlan | None]:
    """Write what ``preview`` showed, all or nothing: the framework, its items, its successions, and — when it follows
    a previous framework — the carry-over of every agency's evidence (``ita_carry_over_plan`` with no site). A
    framework of the same year and name made in between refuses the whole import (``CsvImportError``)."""
    with transaction.atomic():
        if ItaFramework.objects.filter(
            fiscal_year=preview.fiscal_year, name=preview.name, agency_type=preview.agency_type
        ).exists():
            raise CsvImportError([f"มีชุดตัวชี้วัด “{preview.name}” ปีงบประมาณ {preview.fiscal_year} อยู่แล้ว"])
        previous = ItaFramework.objects.filter(pk=preview.previous_id).first() if preview.previous_id else None
        if preview.previous_id and previous is None:
            raise CsvImportError(["ไม่พบชุดตัวชี้วัดเดิมที่เลือกไว้ (อาจถูกลบระหว่างนั้น) กรุณานำเข้าอีกครั้ง"])
        framework = ItaFramework.objects.create(
            fiscal_year=preview.fiscal_year,
            name=preview.name,
            agency_type=preview.agency_type,
            description=preview.description,
            plans_fiscal_year=preview.plans_fiscal_year,
            reports_fiscal_year=preview.reports_fiscal_year,
            window_start=datetime.date.fromisoformat(preview.window_start) if preview.window_start else None,
            window_end=datetime.date.fromisoformat(preview.window_end) if preview.window_end else None,
            source=preview.source,
            previous=previous,
        )
        items = ItaItem.objects.bulk_create(
            [
                ItaItem(
                    framework=framework,
                    code=row.code,
                    name=row.name,
                    description=row.description,
                    expected_evidence=row.expected_evidence,
                    year_coverage=row.year_coverage,
                    source=row.source,
                    sort_order=order,
                )
                for order, row in enumerate(preview.items, start=1)
            ]
        )
        plan = None
        if previous is not None:
            new = {item.code: item for item in items}
            old = {item.code: item for item in previous.items.all()}
            ItaItemSuccessor.objects.bulk_create(
                [
                    ItaItemSuccessor(item=old[row.old_code], successor=new[row.new_code], kind=row.kind, note=row.note)
                    for row in preview.successions
                ]
            )
            plan = ita_carry_over_plan(framework)
            tags_add(plan)
        if user is not None:
            log(instance=framework, action="wagtail.create", user=user, data={"items": len(items)})
    return framework, plan


def ita_items_for(codes, framework: ItaFramework | str) -> list[PageItaItem]:
    """Tags for a page (``page.ita_items = ...``): the items of ``framework`` (or of the national framework of that
    name) with these codes, given as a list or as text like ``"O1, O3"``."""
    if isinstance(codes, str):
        codes = [code.strip().upper() for code in codes.split(",") if code.strip()]
    if isinstance(framework, str):
        framework = ItaFramework.objects.filter(name=framework, agency_type="").first()
    if framework is None or not codes:
        return []
    return [PageItaItem(item=item) for item in framework.items.filter(code__in=codes)]
