"""R1.1 ข้อมูลพื้นฐาน: the administrative structure, the executives and the heads of government units."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.models import (
    AgencyDataMixin,
    DisclosurePage,
    IndexPage,
    OrganisationUnit,
    PublishedDocumentsMixin,
    _revisions_relation,
    _workflow_states_relation,
)

from .base import disclosure_edit_handler

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]
VACANT = "ตำแหน่งว่าง"
# A page may name a person or unit whose first version the working group has not yet approved: the public sees
# this instead of the unchecked draft (the row of a never-published snippet holds its draft).
PENDING = "อยู่ระหว่างการตรวจสอบข้อมูล"


class Person(AgencyDataMixin, index.Indexed, models.Model):
    """Someone shown on the site (an executive, a unit head), reused on every page of their agency that names them."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name="หน่วยงาน (เว็บไซต์)"
    )
    name = models.CharField("ชื่อ-นามสกุล", max_length=255, help_text="รวมคำนำหน้าชื่อ เช่น นายสมชาย ใจดี")
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="ภาพถ่าย (ภาพสี)",
        help_text="ภาพถ่ายหน้าตรงแบบภาพสี",
    )
    phone = models.CharField("โทรศัพท์", max_length=100, blank=True)
    email = models.EmailField("อีเมล", blank=True)

    _revisions = _revisions_relation("person")
    workflow_states = _workflow_states_relation("person")

    panels = [FieldPanel("site"), FieldPanel("name"), FieldPanel("photo"), FieldPanel("phone"), FieldPanel("email")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("site"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = "บุคคล"
        verbose_name_plural = "บุคคล"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions


def _public_entries(entries) -> list:
    """The rows of a people page as the public sees them: a person or unit never yet published is not shown
    (``person_pending``/``unit_pending`` say that something awaits the working group's check)."""
    rows = list(entries)
    for row in rows:
        row.person_pending = row.person is not None and not row.person.live
        if row.person_pending:
            row.person = None
        unit = getattr(row, "unit", None)
        row.unit_pending = unit is not None and not unit.live
        if row.unit_pending:
            row.unit = None
    return rows


class BasicInfoIndexPage(IndexPage):
    """R1.1 ข้อมูลพื้นฐาน: structure, executives, heads of government units."""

    requirement = "R1.1"
    parent_page_types = ["home.HomePage"]
    subpage_types = ["disclosure.OrganisationStructurePage", "disclosure.ExecutivesPage", "disclosure.UnitHeadsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หมวดข้อมูลพื้นฐาน (R1.1)"

    def get_listing(self, request):
        # The pages of this category are few and fixed; show them in the editor's order.
        return self.get_children().live().public().specific().order_by("path")


class OrganisationStructurePage(PublishedDocumentsMixin, DisclosurePage):
    """โครงสร้างการบริหารงาน: the units under a top unit, as a tree, each with its powers and duties in summary."""

    intro = RichTextField("คำอธิบาย", blank=True, features=INTRO_FEATURES)
    root_unit = models.ForeignKey(
        OrganisationUnit,
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="หน่วยงานระดับบนสุดของโครงสร้าง",
        help_text="โครงสร้างแสดงหน่วยงานนี้และหน่วยงานในสังกัดทุกระดับ",
    )

    # The Act's index: the structure and organisation of operations is s.7(1) (disclosure.selectors.oia_pages).
    oia_category_code = "7(1)"
    chart_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="แผนภูมิโครงสร้าง (ภาพ)",
    )
    chart_document = models.ForeignKey(
        "documents.LibraryDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="แผนภูมิโครงสร้าง (เอกสาร)",
    )

    content_panels = DisclosurePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("root_unit"),
        MultiFieldPanel([FieldPanel("chart_image"), FieldPanel("chart_document")], heading="แผนภูมิโครงสร้าง"),
    ]
    edit_handler = disclosure_edit_handler(content_panels)
    search_fields = DisclosurePage.search_fields + [index.SearchField("intro"), index.SearchField("units_text")]

    parent_page_types = ["disclosure.BasicInfoIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "โครงสร้างการบริหารงาน"

    def units_text(self) -> str:
        """The names and duties of every unit in the structure, for search."""
        from wagtail.rich_text import get_text_for_indexing

        texts = []
        stack = self.unit_tree()
        while stack:
            node = stack.pop()
            texts += [node["unit"].name, get_text_for_indexing(node["unit"].powers_and_duties or "")]
            stack.extend(node["children"])
        return " ".join(text for text in texts if text)

    # Deep enough for any real agency; also stops a loop should units ever point at each other.
    MAX_DEPTH = 10

    def unit_tree(self) -> list[dict]:
        """The root unit and its sub-units, as nested ``{"unit", "children"}`` dicts: one query per level."""
        if self.root_unit_id is None:
            return []
        root = OrganisationUnit.objects.filter(pk=self.root_unit_id, live=True).first()
        if root is None:
            return []
        nodes = {root.pk: {"unit": root, "children": []}}
        frontier = [root.pk]
        for _ in range(self.MAX_DEPTH):
            if not frontier:
                break
            level = OrganisationUnit.objects.filter(parent_id__in=frontier, live=True).exclude(pk__in=nodes.keys())
            frontier = []
            for unit in level:
                node = {"unit": unit, "children": []}
                nodes[unit.pk] = node
                nodes[unit.parent_id]["children"].append(node)
                frontier.append(unit.pk)
        return [nodes[root.pk]]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["unit_tree"] = self.unit_tree()
        return context


class ExecutivesPage(PublishedDocumentsMixin, DisclosurePage):
    """คณะผู้บริหาร: each position in order with the person holding it, or ตำแหน่งว่าง."""

    intro = RichTextField("คำอธิบาย", blank=True, features=INTRO_FEATURES)

    content_panels = DisclosurePage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("executives", heading="ผู้บริหาร", label="ตำแหน่ง", min_num=1),
    ]
    edit_handler = disclosure_edit_handler(content_panels)
    search_fields = DisclosurePage.search_fields + [
        index.SearchField("intro"),
        index.RelatedFields(
            "executives",
            [index.SearchField("position"), index.RelatedFields("person", [index.SearchField("public_name")])],
        ),
    ]

    parent_page_types = ["disclosure.BasicInfoIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "คณะผู้บริหาร"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        entries = _public_entries(
            self.executives.select_related("person", "person__photo").prefetch_related("person__photo__renditions")
        )
        # The page cache keeps a page until local midnight at most, so a term that ends today is gone tomorrow.
        context["entries"], context["former_entries"] = executives_on(entries, timezone.localdate())
        context["vacant_label"] = VACANT
        context["pending_label"] = PENDING
        return context

    def ita_minimum_problems(self) -> list[str]:
        """What the ITA assessor needs of the executives item that this page lacks, as shown to the public today:
        each holder's colour photo and a contact channel (telephone or e-mail), and a vacant post left without a
        holder so that it reads ตำแหน่งว่าง, not filled with a stand-in name such as "-"."""
        entries = _public_entries(self.executives.select_related("person"))
        posts, _former = executives_on(entries, timezone.localdate())
        if not posts:
            return ["ยังไม่มีรายชื่อผู้บริหาร"]
        problems = []
        for post in posts:
            person = post.person
            if person is None:
                continue  # shown as ตำแหน่งว่าง (or awaiting the working group's check)
            name = " ".join(person.name.split())
            if name.strip("-–—. ") == "" or "ว่าง" in name:
                problems.append(
                    f"{post.position}: ระบุผู้ดำรงตำแหน่งเป็น “{name}” ให้เว้นผู้ดำรงตำแหน่งว่างไว้ ระบบจะแสดงคำว่า “{VACANT}”"
                )
                continue
            if not person.photo_id:
                problems.append(f"{post.position} ({name}): ไม่มีรูปถ่าย")
            if not (person.phone or person.email):
                problems.append(f"{post.position} ({name}): ไม่มีช่องทางการติดต่อ (โทรศัพท์หรืออีเมล)")
        return problems


@dataclass
class VacantPost:
    """A post shown as ตำแหน่งว่าง in place of a holder whose term has ended, until a successor is published."""

    position: str
    person = None
    person_pending = False
    term_start = None
    term_end = None


def executives_on(entries, today: datetime.date) -> tuple[list, list]:
    """The executives page as of ``today`` (local date): ``(posts, former)``.

    ``posts`` keeps the editor's order: each entry whose term has not ended (no end date, or an end date of today
    or later); an entry whose term ended before ``today`` is replaced by a ``VacantPost`` when no other entry of the
    same position still holds it (a successor), and is left out otherwise. ``former`` (อดีตผู้บริหาร) lists the
    entries whose term has ended and whose person is shown, latest end first."""
    entries = list(entries)

    def ended(entry) -> bool:
        return entry.term_end is not None and entry.term_end < today

    def post(entry) -> str:
        return " ".join(entry.position.split()).casefold()

    held = {post(entry) for entry in entries if not ended(entry)}
    posts, vacated = [], set()
    for entry in entries:
        if not ended(entry):
            posts.append(entry)
        elif post(entry) not in held and post(entry) not in vacated:
            vacated.add(post(entry))
            posts.append(VacantPost(position=entry.position))
    former = sorted(
        (entry for entry in entries if ended(entry) and entry.person is not None),
        key=lambda entry: (entry.term_end, entry.term_start or datetime.date.min),
        reverse=True,
    )
    return posts, former


class ExecutiveEntry(Orderable):
    """One position on the executives page; without a person the post is shown as vacant."""

    page = ParentalKey(ExecutivesPage, on_delete=models.CASCADE, related_name="executives")
    position = models.CharField("ตำแหน่ง", max_length=255, help_text="เช่น ผู้ว่าราชการจังหวัดเพชรบุรี")
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="ผู้ดำรงตำแหน่ง",
        help_text="เว้นว่างหากตำแหน่งว่าง ระบบจะแสดงคำว่า “ตำแหน่งว่าง”",
    )
    term_start = models.DateField("วันที่เริ่มดำรงตำแหน่ง", null=True, blank=True)
    term_end = models.DateField(
        "วันที่สิ้นสุดการดำรงตำแหน่ง",
        null=True,
        blank=True,
        help_text="หลังวันที่นี้ หน้าเว็บจะแสดงบุคคลนี้ในรายชื่ออดีตผู้บริหาร และแสดงตำแหน่งนี้ว่า “ตำแหน่งว่าง” "
        "จนกว่าจะเผยแพร่ผู้ดำรงตำแหน่งคนใหม่ (เพิ่มแถวใหม่ของตำแหน่งเดียวกัน)",
    )

    panels = [FieldPanel("position"), FieldPanel("person"), FieldPanel("term_start"), FieldPanel("term_end")]

    class Meta(Orderable.Meta):
        verbose_name = "ผู้บริหาร"
        verbose_name_plural = "ผู้บริหาร"

    def __str__(self):
        return f"{self.position}: {self.person or VACANT}"

    def clean(self):
        super().clean()
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": "วันที่สิ้นสุดการดำรงตำแหน่งต้องไม่ก่อนวันที่เริ่มดำรงตำแหน่ง"})


class UnitHeadsPage(PublishedDocumentsMixin, DisclosurePage):
    """หัวหน้าส่วนราชการ: each government unit with its head and how to contact them."""

    intro = RichTextField("คำอธิบาย", blank=True, features=INTRO_FEATURES)

    content_panels = DisclosurePage.content_panels + [
        FieldPanel("intro"),
        InlinePanel("unit_heads", heading="หัวหน้าส่วนราชการ", label="ส่วนราชการ", min_num=1),
    ]
    edit_handler = disclosure_edit_handler(content_panels)
    search_fields = DisclosurePage.search_fields + [
        index.SearchField("intro"),
        index.RelatedFields(
            "unit_heads",
            [
                index.SearchField("position"),
                index.RelatedFields("unit", [index.SearchField("public_name")]),
                index.RelatedFields("person", [index.SearchField("public_name")]),
            ],
        ),
    ]

    parent_page_types = ["disclosure.BasicInfoIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "หัวหน้าส่วนราชการ"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = _public_entries(
            self.unit_heads.select_related("unit", "person", "person__photo").prefetch_related(
                "person__photo__renditions"
            )
        )
        context["vacant_label"] = VACANT
        context["pending_label"] = PENDING
        return context


class UnitHeadEntry(Orderable):
    """A government unit, its head (or a vacant post) and the contact channel the public should use."""

    page = ParentalKey(UnitHeadsPage, on_delete=models.CASCADE, related_name="unit_heads")
    unit = models.ForeignKey(
        OrganisationUnit, null=True, blank=False, on_delete=models.SET_NULL, related_name="+", verbose_name="ส่วนราชการ"
    )
    position = models.CharField("ตำแหน่งของหัวหน้า", max_length=255, blank=True, help_text="เช่น ปลัดจังหวัดเพชรบุรี")
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="หัวหน้าส่วนราชการ",
        help_text="เว้นว่างหากตำแหน่งว่าง",
    )
    phone = models.CharField("โทรศัพท์ติดต่อ", max_length=100, blank=True, help_text="เว้นว่างเพื่อใช้โทรศัพท์ของส่วนราชการ")
    email = models.EmailField("อีเมลติดต่อ", blank=True, help_text="เว้นว่างเพื่อใช้อีเมลของส่วนราชการ")

    panels = [
        FieldPanel("unit"),
        FieldPanel("position"),
        FieldPanel("person"),
        FieldPanel("phone"),
        FieldPanel("email"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "หัวหน้าส่วนราชการ"
        verbose_name_plural = "หัวหน้าส่วนราชการ"

    @property
    def contact_phone(self) -> str:
        return self.phone or (self.unit.phone if self.unit else "") or (self.person.phone if self.person else "")

    @property
    def contact_email(self) -> str:
        return self.email or (self.unit.email if self.unit else "") or (self.person.email if self.person else "")
