"""Where the skeleton draft of an ITA item goes: which section of the agency's site, which page type, which
field holds the guidance for the editor.

An item has no category of its own (``ItaItem`` is code, name, description, expected evidence), so the section is
decided by the rules below, on the item's code (the announcement's categories R1.1-R1.5) and on words of its Thai
name (words, not OIT codes: a code means another item in another year's framework), first match wins:

==========================================================  ====================================  ==================
item                                                        section (home page's child)           draft page type
==========================================================  ====================================  ==================
ITA items of the ITA section (see ``SECTION_RULES``)          ITA section (IntegrityIndexPage)      its page type
R1.1, a name with "โครงสร้าง" or "อำนาจหน้าที่"                ข้อมูลพื้นฐาน (BasicInfoIndexPage)       โครงสร้างการบริหารงาน
a name with "ผู้บริหาร"                                        ข้อมูลพื้นฐาน                          คณะผู้บริหาร
R1.3, "กฎหมาย", "ระเบียบ", "ข้อบังคับ", "มาตรฐานการปฏิบัติงาน"  กฎหมาย ระเบียบ ข้อบังคับ (LawIndexPage)  กฎหมาย ระเบียบ ข้อบังคับ
R1.2, a name starting with "แผน" (not procurement)            แผนยุทธศาสตร์ฯ (PlanIndexPage)          แผน
R1.5, "คู่มือสำหรับประชาชน", "มาตรฐานการให้บริการ"              คู่มือสำหรับประชาชน (ServiceIndexPage)    คู่มือสำหรับประชาชน
every other item                                            ข้อมูลข่าวสารฯ (OfficialInfoIndexPage)   ข้อมูลข่าวสาร
==========================================================  ====================================  ==================

The ITA section's rules come first: the procurement plan and the yearly procurement report, human resources,
corruption complaints, the risk assessment, the prevention plan, E-Service, participation, No Gift and the use of
the ITA result (OIT 2569's O25) get their structured page types; ethics, integrity measures and the prevention
reports get an ITA evidence page, its ``kind`` chosen by words of the item's name (``KINDS_BY_WORDS``).

When the agency has no such section, or the section takes no more pages of that type (one structure page and one
executives page per section), the draft is a ``home.StandardPage`` right under the home page. (The ITA evidence
page, ``ItaEvidencePage``, takes no child pages: it lists the tagged pages wherever they are.)
"""

from dataclasses import dataclass

from django.apps import apps

# The audit-log action written when a skeleton draft is made: it is how the dashboard panel finds them.
SKELETON_ACTION = "prongsai.ita.skeleton"

FALLBACK_MODEL = "home.StandardPage"

# The field of each page type that shows the editor what evidence the item expects.
GUIDANCE_FIELDS = {
    "home.StandardPage": "body",
    "disclosure.OrganisationStructurePage": "intro",
    "disclosure.ExecutivesPage": "intro",
    "disclosure.LawPage": "summary",
    "disclosure.PlanPage": "summary",
    "disclosure.OfficialInfoPage": "body",
    "services.ServicePage": "summary",
    "integrity.ProcurementPlanPage": "summary",
    "integrity.ProcurementReportPage": "summary",
    "integrity.HumanResourcesPage": "body",
    "integrity.ComplaintsPage": "guideline",
    "integrity.RiskAssessmentPage": "summary",
    "integrity.PreventionPlanPage": "summary",
    "integrity.EServicesPage": "intro",
    "integrity.ParticipationPage": "intro",
    "integrity.NoGiftPage": "declaration",
    "integrity.IntegrityMeasuresPage": "result_summary",
    "integrity.IntegrityMeasuresReportPage": "summary",
    "integrity.IntegrityItemPage": "body",
}

# The ``kind`` of a draft of these page types, by words of the item's name, first match wins (else the last).
KINDS_BY_WORDS = {
    "integrity.HumanResourcesPage": (
        ("การดำเนินการตาม", "implementation"),
        ("หลักเกณฑ์", "criteria"),
        ("รายงานผล", "yearly_report"),
        ("", "policy"),
    ),
    "integrity.IntegrityItemPage": (
        ("ประกาศเจตนารมณ์", "no_gift_announcement"),
        ("วัฒนธรรม", "no_gift_culture"),
        ("No Gift", "no_gift_report"),
        ("ประมวลจริยธรรม", "ethics_code"),
        ("การขับเคลื่อนจริยธรรม", "ethics_promotion"),
        ("การประเมินจริยธรรม", "ethics_assessment"),
        ("การดำเนินการตามมาตรการ", "integrity_measures_report"),
        ("มาตรการส่งเสริมคุณธรรม", "integrity_measures"),
        ("การมีส่วนร่วม", "participation"),
        ("", "other"),
    ),
}


@dataclass(frozen=True)
class SectionRule:
    section: str
    page_model: str
    codes: frozenset = frozenset()
    words: tuple = ()
    starts: tuple = ()
    unless: tuple = ()
    everything: bool = False

    def matches(self, code: str, name: str) -> bool:
        if any(word in name for word in self.unless):
            return False
        return (
            self.everything
            or code in self.codes
            or any(word in name for word in self.words)
            or name.startswith(self.starts or ("\0",))
        )


ITA_SECTION = "integrity.IntegrityIndexPage"

SECTION_RULES = [
    SectionRule(ITA_SECTION, "integrity.ProcurementPlanPage", words=("แผนการจัดซื้อจัดจ้าง", "แผนการจัดหาพัสดุ")),
    SectionRule(ITA_SECTION, "integrity.ProcurementReportPage", words=("รายงานผลการจัดซื้อจัดจ้าง", "รายงานผลการจัดหาพัสดุ")),
    SectionRule(ITA_SECTION, "integrity.HumanResourcesPage", words=("ทรัพยากรบุคคล",)),
    SectionRule(ITA_SECTION, "integrity.ComplaintsPage", words=("เรื่องร้องเรียนการทุจริต",)),
    SectionRule(ITA_SECTION, "integrity.RiskAssessmentPage", words=("ความเสี่ยงการทุจริต",)),
    SectionRule(ITA_SECTION, "integrity.PreventionPlanPage", words=("แผนปฏิบัติการป้องกันการทุจริต",)),
    SectionRule(ITA_SECTION, "integrity.EServicesPage", words=("E-Service", "ช่องทางออนไลน์")),
    # OIT 2569 says "ให้มีส่วนร่วม", OIT 2566 and 2568 "การมีส่วนร่วม".
    SectionRule(ITA_SECTION, "integrity.ParticipationPage", words=("มีส่วนร่วม",)),
    SectionRule(ITA_SECTION, "integrity.NoGiftPage", words=("No Gift",)),
    SectionRule(ITA_SECTION, "integrity.IntegrityMeasuresPage", words=("การนำผลการประเมิน ITA",)),
    # OIT 2569's O26 (รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน) is an
    # IntegrityMeasuresReportPage, whose parent is an IntegrityMeasuresPage: the drafts go under a section of the home
    # page only, so it has no rule of its own and gets an ITA evidence page below.
    SectionRule(
        ITA_SECTION,
        "integrity.IntegrityItemPage",
        words=("จริยธรรม", "คุณธรรมและความโปร่งใส", "ดำเนินการป้องกันการทุจริต"),
    ),
    SectionRule(
        "disclosure.BasicInfoIndexPage",
        "disclosure.OrganisationStructurePage",
        codes=frozenset({"R1.1"}),
        words=("โครงสร้าง", "อำนาจหน้าที่"),
    ),
    SectionRule("disclosure.BasicInfoIndexPage", "disclosure.ExecutivesPage", words=("ผู้บริหาร",)),
    SectionRule(
        "disclosure.LawIndexPage",
        "disclosure.LawPage",
        codes=frozenset({"R1.3"}),
        words=("กฎหมาย", "ระเบียบ", "ข้อบังคับ", "มาตรฐานการปฏิบัติงาน"),
    ),
    SectionRule(
        "disclosure.PlanIndexPage",
        "disclosure.PlanPage",
        codes=frozenset({"R1.2"}),
        starts=("แผน",),
        unless=("จัดซื้อ", "จัดจ้าง", "พัสดุ"),
    ),
    SectionRule(
        "services.ServiceIndexPage",
        "services.ServicePage",
        codes=frozenset({"R1.5"}),
        words=("คู่มือสำหรับประชาชน", "มาตรฐานการให้บริการ"),
    ),
    SectionRule("disclosure.OfficialInfoIndexPage", "disclosure.OfficialInfoPage", everything=True),
]


def section_rule_for(code: str, name: str) -> SectionRule:
    """The first rule that matches the item (the last rule matches every item)."""
    return next(rule for rule in SECTION_RULES if rule.matches(code.upper(), name))


def sections_of(home) -> dict:
    """The home page's section pages, by model label (``disclosure.LawIndexPage``), specific, first of each type."""
    labels = {rule.section for rule in SECTION_RULES}
    found = {}
    for child in home.get_children().specific().order_by("path"):
        if child._meta.label in labels:
            found.setdefault(child._meta.label, child)
    return found


def placement_for(item, home, sections: dict, planned: dict):
    """``(parent page, page model)`` of the skeleton draft of ``item``: its section and page type by the rules, or
    a ``home.StandardPage`` under ``home`` when the section is missing or full. ``planned`` counts the drafts
    already placed in this run by (parent id, model label), so that a plan respects ``max_count_per_parent``
    before anything is saved."""
    rule = section_rule_for(item.code, item.name)
    section = sections.get(rule.section)
    model = apps.get_model(rule.page_model)
    if section is not None and model.can_create_at(section):
        key = (section.pk, model._meta.label)
        limit = model.max_count_per_parent
        if limit is None or section.get_children().type(model).count() + planned.get(key, 0) < limit:
            planned[key] = planned.get(key, 0) + 1
            return section, model
    return home, apps.get_model(FALLBACK_MODEL)


def draft_fields(model, item, fiscal_year: int) -> dict:
    """What a draft of ``model`` for ``item`` needs besides its title and guidance: the year of a page about one
    fiscal year (not null in the database), the ``kind`` of a page type that tells its documents apart."""
    fields = {}
    names = {field.name for field in model._meta.get_fields()}
    if "report_year" in names:
        fields["report_year"] = fiscal_year
    kinds = KINDS_BY_WORDS.get(model._meta.label)
    if kinds:
        fields["kind"] = next(kind for word, kind in kinds if word in item.name)
    return fields
