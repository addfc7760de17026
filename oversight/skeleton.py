"""Where the skeleton draft of an ITA item goes (issue 15): which section of the agency's site, which page type, which
field holds the guidance for the editor.

An item has no category of its own (``ItaItem`` is code, name, description, expected evidence), so the section is
decided by the rules below, on the item's code (the announcement's categories R1.1-R1.5) and on words of its Thai
name, first match wins:

==========================================================  ====================================  ==================
item                                                        section (home page's child)           draft page type
==========================================================  ====================================  ==================
R1.1, a name with "โครงสร้าง" or "อำนาจหน้าที่"                ข้อมูลพื้นฐาน (BasicInfoIndexPage)       โครงสร้างการบริหารงาน
a name with "ผู้บริหาร"                                        ข้อมูลพื้นฐาน                          คณะผู้บริหาร
R1.3, "กฎหมาย", "ระเบียบ", "ข้อบังคับ", "มาตรฐานการปฏิบัติงาน"  กฎหมาย ระเบียบ ข้อบังคับ (LawIndexPage)  กฎหมาย ระเบียบ ข้อบังคับ
R1.2, a name starting with "แผน" (not procurement)            แผนยุทธศาสตร์ฯ (PlanIndexPage)          แผน
R1.5, "คู่มือสำหรับประชาชน", "มาตรฐานการให้บริการ"              คู่มือสำหรับประชาชน (ServiceIndexPage)    คู่มือสำหรับประชาชน
every other item                                            ข้อมูลข่าวสารฯ (OfficialInfoIndexPage)   ข้อมูลข่าวสาร
==========================================================  ====================================  ==================

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


SECTION_RULES = [
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
