"""Readiness for the coming year: an agency's website administrator makes one skeleton draft per ITA item
without evidence; the editors find them on their dashboard."""

from django.urls import reverse

from wagtail.models import Page

import pytest

from core.models import AgencySettings
from disclosure.models import (
    LawIndexPage,
    LawPage,
    OfficialInfoIndexPage,
    OfficialInfoPage,
    OrganisationStructurePage,
    PlanIndexPage,
    PlanPage,
)
from disclosure.tests.utils import unit_make
from documents.models import LibraryDocument
from home.models import StandardPage
from oversight.models import ItaFramework, PageItaItem
from oversight.selectors import ita_skeleton_drafts
from oversight.services import ita_skeleton_create
from publishing.models import AgencyRole
from publishing.tests.utils import client_for, member_make
from services.models import ServicePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def oit():
    return ItaFramework.objects.get(name="OIT 2566")


def _tagged_pages(site, framework):
    """Page id -> codes, for the pages of ``site`` tagged with items of ``framework``."""
    links = PageItaItem.objects.filter(item__framework=framework, page__path__startswith=site.root_page.path)
    tagged = {}
    for page_id, code in links.values_list("page_id", "item__code"):
        tagged.setdefault(page_id, []).append(code)
    return tagged


def _url(site, framework):
    return f"{reverse('oversight_ita_skeleton')}?site={site.pk}&framework={framework.pk}"


def _evidence_page(site, code, framework, live=True):
    page = StandardPage(title=f"หลักฐาน {code}", slug=f"evidence-{code.lower()}", body="<p>ข้อมูล</p>", live=live)
    page.ita_items = [PageItaItem(item=framework.items.get(code=code))]
    site.root_page.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def test_an_administrator_makes_one_draft_per_item_without_evidence_and_none_twice(client, agency_site, oit):
    _evidence_page(agency_site, "O5", oit)  # live evidence
    _evidence_page(agency_site, "O7", oit, live=False)  # a draft counts: someone is writing it
    document = LibraryDocument.objects.create(
        title="นโยบายคุ้มครองข้อมูลส่วนบุคคล",
        file="documents/privacy.pdf",
        original_filename="privacy.pdf",
        file_size=10,
        collection_id=AgencySettings.for_site(agency_site).collection_id,
    )
    document.ita_items.add(oit.items.get(code="O10"))
    unit = unit_make("กลุ่มงานกฎหมาย", site=agency_site)
    laws = LawIndexPage.objects.descendant_of(agency_site.root_page).get()
    laws.responsible_unit = unit
    laws.save_revision().publish()
    admin = member_make(agency_site, AgencyRole.ADMINISTRATORS, "webmaster")
    client.force_login(admin)

    screen = client.get(_url(agency_site, oit)).content.decode()
    assert "ระบบจะสร้าง<strong>ร่าง</strong> (ยังไม่เผยแพร่) 40 หน้า" in screen
    assert "ยืนยันสร้างร่าง 40 หน้า" in screen

    response = client.post(_url(agency_site, oit), follow=True)
    html = response.content.decode()
    assert "สร้างร่าง 40 หน้าสำหรับตัวชี้วัดที่ยังไม่มีหลักฐานแล้ว" in html
    # The two law drafts (O6, O14) get the laws section's unit; the 38 others wait for the administrators.
    assert "ร่าง 38 หน้ายังไม่ได้กำหนดหน่วยงานที่รับผิดชอบข้อมูล" in html

    tagged = _tagged_pages(agency_site, oit)
    codes = sorted(code for codes in tagged.values() for code in codes)
    # Every item now has exactly one page, but O10 (its evidence is a document).
    assert codes == sorted(item.code for item in oit.items.exclude(code="O10"))
    drafts = {code: page_id for page_id, page_codes in tagged.items() for code in page_codes}
    for code in ("O5", "O7"):
        assert drafts[code] in {p.pk for p in StandardPage.objects.filter(slug__startswith="evidence-")}

    def draft(code):
        return Page.objects.get(pk=drafts[code]).specific

    structure = draft("O1")
    assert isinstance(structure, OrganisationStructurePage) and structure.title == "โครงสร้าง"
    assert isinstance(draft("O3"), StandardPage)  # the section takes one structure page: under the home page
    assert draft("O3").get_parent().pk == agency_site.root_page_id
    law = draft("O6")
    assert isinstance(law, LawPage) and law.get_parent().pk == laws.pk and law.responsible_unit == unit
    assert isinstance(draft("O14"), LawPage) and draft("O14").responsible_unit == unit
    assert draft("O20").responsible_unit is None
    plan = draft("O4")
    assert isinstance(plan, PlanPage) and plan.get_parent().specific.__class__ is PlanIndexPage
    assert plan.fiscal_year_start == plan.fiscal_year_end == 2566
    assert isinstance(draft("O15"), ServicePage)
    official = draft("O20")
    assert isinstance(official, OfficialInfoPage) and official.get_parent().specific.__class__ is OfficialInfoIndexPage
    assert "ร่างสำหรับตัวชี้วัด O20 ประกาศต่าง ๆ เกี่ยวกับการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ" in official.body
    # The ITA section's items get its page types, with the year and the kind their name says.
    from integrity.models import (
        ComplaintsPage,
        EServicesPage,
        HumanResourcesPage,
        IntegrityIndexPage,
        IntegrityItemPage,
        NoGiftPage,
        ParticipationPage,
        PreventionPlanPage,
        ProcurementPlanPage,
        ProcurementReportPage,
        RiskAssessmentPage,
    )

    expected = {
        "O19": ProcurementPlanPage,
        "O22": ProcurementReportPage,
        "O27": ComplaintsPage,
        "O28": ComplaintsPage,
        "O34": RiskAssessmentPage,
        "O36": PreventionPlanPage,
        "O38": IntegrityItemPage,
    }
    for code, model in expected.items():
        page = draft(code)
        assert isinstance(page, model) and isinstance(page.get_parent().specific, IntegrityIndexPage), code
    assert draft("O19").report_year == 2566
    kinds = {code: draft(code).kind for code in ("O23", "O24", "O25", "O26")}
    assert kinds == {"O23": "policy", "O24": "implementation", "O25": "criteria", "O26": "yearly_report"}
    assert all(isinstance(draft(code), HumanResourcesPage) for code in kinds)
    # No Gift (O31-O33), participation (O30) and E-Service (O18) have their own page types in the section.
    assert all(isinstance(draft(code), NoGiftPage) for code in ("O31", "O32", "O33"))
    assert draft("O31").report_year == 2566
    assert isinstance(draft("O30"), ParticipationPage) and isinstance(draft("O18"), EServicesPage)
    assert draft("O39").kind == "ethics_code"
    assert draft("O42").kind == "integrity_measures" and draft("O43").kind == "integrity_measures_report"
    assert isinstance(draft("O21"), OfficialInfoPage)  # the monthly summaries stay with the OIA's 9(8)
    for code in set(drafts) - {"O5", "O7"}:
        page = draft(code)
        assert not page.live and page.first_published_at is None, code
        assert page.owner == admin and page.latest_revision_id is not None

    # Run twice: nothing more.
    response = client.post(_url(agency_site, oit), follow=True)
    assert "ไม่มีร่างที่ต้องสร้าง" in response.content.decode()
    assert _tagged_pages(agency_site, oit) == tagged


def test_the_draft_shows_the_items_expected_evidence(agency_site):
    eb = ItaFramework.objects.get(name="ITA 2561 (EB)")
    result = ita_skeleton_create(eb, agency_site, member_make(agency_site, AgencyRole.ADMINISTRATORS, "webmaster"))
    assert len(result.created) == 3
    page = OfficialInfoPage.objects.get(ita_items__item__code="EB4")
    assert page.title == "สรุปผลการจัดซื้อจัดจ้างรายเดือน (แบบ สขร.1)"
    assert "หลักฐานที่ต้องแสดง: สรุปผลการดำเนินการจัดซื้อจัดจ้างรายเดือนตามแบบ สขร.1" in page.body
    assert "หลักฐานที่ต้องแสดง: สรุปผลการดำเนินการจัดซื้อจัดจ้างรายเดือนตามแบบ สขร.1" in (page.get_latest_revision_as_object().body)


def test_only_the_agencys_administrators_make_drafts(client, agency_site, second_agency_site, oit):
    url = _url(agency_site, oit)
    refused = [
        member_make(agency_site, AgencyRole.EDITORS, "editor"),
        member_make(agency_site, AgencyRole.WORKING_GROUP, "reviewer"),
        member_make(agency_site, AgencyRole.EXECUTIVES, "executive"),
        member_make(second_agency_site, AgencyRole.ADMINISTRATORS, "other-webmaster"),
    ]
    for user in refused:
        client.force_login(user)
        assert client.get(url).status_code in (302, 403), user
        assert client.post(url).status_code in (302, 403), user
        assert not _tagged_pages(agency_site, oit), user
    # The other agency's administrator makes their own agency's drafts, never this one's.
    client.force_login(refused[-1])
    client.post(_url(second_agency_site, oit))
    assert not _tagged_pages(agency_site, oit)
    assert len(_tagged_pages(second_agency_site, oit)) == 43


def test_the_matrix_offers_the_action_to_administrators_only(client, agency_site, oit):
    button = "เตรียมร่างสำหรับตัวชี้วัดที่ยังไม่มีหลักฐาน"
    client.force_login(member_make(agency_site, AgencyRole.WORKING_GROUP, "reviewer"))
    assert button not in client.get(reverse("oversight_compliance")).content.decode()
    client.force_login(member_make(agency_site, AgencyRole.ADMINISTRATORS, "webmaster"))
    assert button in client.get(reverse("oversight_compliance")).content.decode()


def test_drafts_are_not_public(client, agency_site, oit):
    result = ita_skeleton_create(oit, agency_site, member_make(agency_site, AgencyRole.ADMINISTRATORS, "webmaster"))
    client.logout()
    for page in result.created[:5] + result.created[-3:]:
        url = page.get_url()
        assert url
        assert client.get(url).status_code == 404, url


def test_editors_find_the_drafts_on_their_dashboard_until_submitted(agency_site, second_agency_site, oit):
    admin = member_make(agency_site, AgencyRole.ADMINISTRATORS, "webmaster")
    editor = member_make(agency_site, AgencyRole.EDITORS, "editor")
    other_editor = member_make(second_agency_site, AgencyRole.EDITORS, "other-editor")
    heading = "ร่างที่ต้องจัดทำสำหรับ ITA"
    assert heading not in client_for(editor).get(reverse("wagtailadmin_home")).content.decode()

    result = ita_skeleton_create(oit, agency_site, admin)
    html = client_for(editor).get(reverse("wagtailadmin_home")).content.decode()
    assert heading in html
    structure = next(page for page in result.created if page.title == "โครงสร้าง")
    assert f'href="{reverse("wagtailadmin_pages:edit", args=[structure.pk])}"' in html
    assert html.count(reverse("wagtailadmin_pages:edit", args=[structure.pk])) >= 1
    assert heading not in client_for(other_editor).get(reverse("wagtailadmin_home")).content.decode()

    # Submitted to the working group: no longer waiting for the editor.
    structure.get_workflow().start(structure, editor)
    assert structure.pk not in {page.pk for page in ita_skeleton_drafts(agency_site)}
    assert len(ita_skeleton_drafts(agency_site)) == 42
    # A page the editors made themselves is not a skeleton draft.
    _evidence_page(agency_site, "O5", oit, live=False)
    assert len(ita_skeleton_drafts(agency_site)) == 42
