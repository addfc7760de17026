"""The agency's own data (people, units, the agency's details) per agency and under the agency's workflow: a change
reaches the public only after the working group and the administrators approve it; another agency's users can
neither see nor touch it."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, rich_text

import pytest

from core.forms import OTHER_AGENCY as OTHER_AGENCY_ON_PAGE
from core.models import AgencySettings, OrganisationUnit, agency_data_publish
from disclosure.models import ExecutiveEntry, ExecutivesPage, Person
from disclosure.models.basic_info import PENDING
from disclosure.tests.utils import basic_info_index, page_form_data, publish_under
from publishing.models import AgencyGroup, AgencyRole, ChecklistDecision, ChecklistReview
from publishing.services import agency_groups_ensure
from publishing.tests.utils import CHECKS, client_for, team_make

pytestmark = pytest.mark.django_db

OLD_NAME = "นายสมชาย ใจดี (ตัวอย่าง)"
NEW_NAME = "นายสมศักดิ์ รักษ์ถิ่น (ตัวอย่าง)"


def _person(site, name=OLD_NAME, **fields):
    person = Person(site=site, name=name, **fields)
    agency_data_publish(person)
    return person


def _unit(site, name, **fields):
    unit = OrganisationUnit(site=site, name=name, **fields)
    agency_data_publish(unit)
    return unit


def _executives_page(site, person, slug="executives"):
    page = ExecutivesPage(title="คณะผู้บริหาร", slug=slug)
    page.executives = [ExecutiveEntry(position="ผู้ว่าราชการจังหวัดเพชรบุรี", person=person)]
    return publish_under(basic_info_index(site), page)


def _url(model, name, *args):
    return reverse(model.snippet_viewset.get_url_name(name), args=args)


def _person_data(person, **fields):
    return {"name": person.name, "photo": "", "phone": person.phone, "email": person.email, **fields}


def _public(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_governor_name_is_public_only_after_both_approvals(agency_site, client):
    team = team_make(agency_site)
    for role, (first, last) in {
        "editor": ("สมหญิง", "จัดทำข้อมูล"),
        "reviewer": ("สมปอง", "ตรวจสอบ"),
        "admin": ("สมศรี", "ดูแลเว็บ"),
    }.items():
        team[role].first_name, team[role].last_name = first, last
        team[role].save()
    governor = _person(agency_site)
    page = _executives_page(agency_site, governor)

    # The editor proposes the change: a draft revision submitted to the agency's workflow.
    editor = client_for(team["editor"])
    response = editor.post(
        _url(Person, "edit", governor.pk), _person_data(governor, name=NEW_NAME, **{"action-submit": "1"})
    )
    assert response.status_code == 302
    governor.refresh_from_db()
    assert governor.name == OLD_NAME and governor.workflow_in_progress
    assert governor.get_workflow().pk == agency_site.root_page.get_workflow().pk
    html = _public(client, page)
    assert OLD_NAME in html and NEW_NAME not in html

    # The working group checks the four points (the admin URL of the snippet's workflow action).
    task_state = governor.current_workflow_task_state
    reviewer = client_for(team["reviewer"])
    response = reviewer.post(
        _url(Person, "workflow_action", governor.pk, "approve", task_state.pk), {**CHECKS, "comment": "ถูกต้อง"}
    )
    assert response.status_code in (200, 302)
    review = ChecklistReview.objects.get()
    assert review.decision == ChecklistDecision.APPROVED and review.all_checked and review.page is None
    assert review.content_object == governor and review.revision.content["name"] == NEW_NAME
    html = _public(client, page)
    assert OLD_NAME in html and NEW_NAME not in html

    # The administrator approves the last step, which publishes.
    governor.refresh_from_db()
    task_state = governor.current_workflow_task_state
    admin = client_for(team["admin"])
    response = admin.post(_url(Person, "workflow_action", governor.pk, "approve", task_state.pk))
    assert response.status_code in (200, 302)
    governor.refresh_from_db()
    assert governor.name == NEW_NAME and governor.live and not governor.workflow_in_progress
    html = _public(client, page)
    assert NEW_NAME in html and OLD_NAME not in html

    actions = set(ModelLogEntry.objects.for_instance(governor).values_list("action", flat=True))
    assert {"wagtail.edit", "wagtail.workflow.start", "prongsai.checklist.approve", "wagtail.publish"} <= actions

    # The record of the change: offered in the people listing, naming the new name, who asked, checked and published.
    record_url = reverse("publishing:record_object", args=[ContentType.objects.get_for_model(Person).pk, governor.pk])
    assert record_url in editor.get(_url(Person, "list")).content.decode()
    record = reviewer.get(record_url)
    assert record.status_code == 200
    text = record.content.decode()
    assert NEW_NAME in text
    for name in ("สมหญิง จัดทำข้อมูล", "สมปอง ตรวจสอบ", "สมศรี ดูแลเว็บ"):
        assert name in text
    assert client_for(team_make(agency_site, prefix="x")["executive"]).get(record_url).status_code == 200


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_nobody_but_superusers_publishes_directly_even_with_a_crafted_post(agency_site, client, role):
    team = team_make(agency_site)
    governor = _person(agency_site)
    page = _executives_page(agency_site, governor)
    member = client_for(team[role])
    edit_url = _url(Person, "edit", governor.pk)
    assert 'name="action-publish"' not in member.get(edit_url).content.decode()
    member.post(edit_url, _person_data(governor, name=NEW_NAME, **{"action-publish": "1"}))
    governor.refresh_from_db()
    assert governor.name == OLD_NAME
    assert NEW_NAME not in _public(client, page)


def test_a_person_never_published_is_not_shown_publicly(agency_site, client):
    team = team_make(agency_site)
    editor = client_for(team["editor"])
    response = editor.post(_url(Person, "add"), {"name": NEW_NAME, "photo": "", "phone": "032 000 111", "email": ""})
    assert response.status_code == 302
    draft = Person.objects.get(name=NEW_NAME)
    assert draft.site == agency_site and not draft.live
    page = _executives_page(agency_site, draft)
    html = _public(client, page)
    assert NEW_NAME not in html and "032 000 111" not in html
    assert PENDING in html


def test_a_new_person_can_be_created_and_submitted_at_once(agency_site):
    team = team_make(agency_site)
    editor = client_for(team["editor"])
    response = editor.get(_url(Person, "add"))
    assert "บันทึกและเสนอขออนุมัติเผยแพร่ข้อมูล" in response.content.decode()
    response = editor.post(
        _url(Person, "add"), {"name": NEW_NAME, "photo": "", "phone": "", "email": "", "action-submit": "1"}
    )
    assert response.status_code == 302
    person = Person.objects.get(name=NEW_NAME)
    assert not person.live and person.workflow_in_progress
    assert person.current_workflow_state.workflow == agency_site.root_page.get_workflow()


def _object_urls(model, obj, task_state_id=0):
    pk = obj.pk
    urls = [
        _url(model, "edit", pk),
        _url(model, "history", pk),
        _url(model, "usage", pk),
        _url(model, "workflow_history", pk),
        _url(model, "revisions_compare", pk, "earliest", "latest"),
        _url(model, "revisions_revert", pk, obj.latest_revision_id),
        _url(model, "unpublish", pk),
        _url(model, "lock", pk),
        _url(model, "unlock", pk),
        _url(model, "workflow_action", pk, "approve", task_state_id),
    ]
    if model is not AgencySettings:
        urls.append(_url(model, "delete", pk))
    return urls


def _chooser_url(model, name="choose"):
    return reverse(f"{model.snippet_viewset.chooser_viewset.name}:{name}")


def test_another_agencys_users_cannot_list_choose_open_or_post(agency_site, second_agency_site, client):
    governor = _person(agency_site, phone="032 425 000")
    unit = _unit(agency_site, "สำนักงานจังหวัดเพชรบุรี")
    settings = AgencySettings.for_site(agency_site)
    # A's governor is in A's workflow, so the workflow action URL names a real task state.
    governor.get_workflow().start(governor, None)
    task_state_id = governor.current_workflow_task_state.pk
    own_page = _executives_page(second_agency_site, _person(second_agency_site, "นายเทศมนตรี (ตัวอย่าง)"))
    team = team_make(second_agency_site, prefix="b")
    objects = [(Person, governor), (OrganisationUnit, unit), (AgencySettings, settings)]

    for role, user in team.items():
        other = client_for(user)
        for model, obj in objects:
            listing = other.get(_url(model, "list"))
            assert listing.status_code in (200, 302)
            assert str(obj) not in listing.content.decode()
            for url in _object_urls(model, obj, task_state_id):
                for response in (other.get(url), other.post(url, {"name": "ถูกแก้", "action-publish": "1"})):
                    assert response.status_code == 302, (role, url)
                    assert response.url == reverse("wagtailadmin_home"), (role, url)
                xhr = other.get(url, headers={"x-requested-with": "XMLHttpRequest"})
                assert xhr.status_code == 403, (role, url)
            if model is not AgencySettings:
                choose = other.get(_chooser_url(model), headers={"x-requested-with": "XMLHttpRequest"})
                assert str(obj) not in choose.content.decode()
                search = other.get(_chooser_url(model, "choose_results"), {"q": str(obj)[:6]})
                assert str(obj) not in search.content.decode()
                chosen = other.get(reverse(f"{model.snippet_viewset.chooser_viewset.name}:chosen", args=[obj.pk]))
                assert chosen.status_code in (302, 403, 404)
        # The settings form that saves at once is closed too.
        response = other.get(reverse("wagtailsettings:edit", args=["core", "agencysettings", agency_site.pk]))
        assert response.status_code == 302 and "/snippets/" not in response.url

    for _model, obj in objects:
        obj.refresh_from_db()
    assert governor.name == OLD_NAME and unit.name == "สำนักงานจังหวัดเพชรบุรี" and settings.name_th == "จังหวัดเพชรบุรี"
    assert not ModelLogEntry.objects.filter(user__username__startswith="b").exclude(action="prongsai.login").exists()

    # B's editor cannot create a person in A, nor put A's person on B's page (inline rows included).
    editor = client_for(team["editor"])
    response = editor.post(_url(Person, "add"), {"name": "ผู้แทรก", "site": agency_site.pk, "photo": "", "email": ""})
    assert response.status_code == 200
    assert not Person.objects.filter(name="ผู้แทรก").exists()
    response = editor.post(_url(OrganisationUnit, "add"), {"name": "หน่วยย่อย", "parent": unit.pk, "sort_order": 0})
    assert response.status_code == 200 and not OrganisationUnit.objects.filter(name="หน่วยย่อย").exists()
    data = page_form_data(
        title="คณะผู้บริหาร",
        slug=own_page.slug,
        intro=rich_text(""),
        executives=inline_formset(
            [{"position": "ผู้ว่าราชการจังหวัดเพชรบุรี", "person": governor.pk, "term_start": "", "term_end": ""}],
            min=1,
        ),
    )
    response = editor.post(reverse("wagtailadmin_pages:edit", args=[own_page.pk]), data)
    assert response.status_code == 200
    assert OTHER_AGENCY_ON_PAGE in response.content.decode()
    assert own_page.get_latest_revision().content["executives"][0]["person"] != governor.pk


def test_superusers_see_every_agency(agency_site, second_agency_site):
    governor = _person(agency_site)
    other = _person(second_agency_site, "นายเทศมนตรี (ตัวอย่าง)")
    root = get_user_model().objects.create_superuser("root", "root@example.com", "x-secret-123456")
    superuser = client_for(root)
    listing = superuser.get(_url(Person, "list")).content.decode()
    assert OLD_NAME in listing and "นายเทศมนตรี" in listing
    for person in (governor, other):
        assert superuser.get(_url(Person, "edit", person.pk)).status_code == 200


@pytest.mark.parametrize("model", [Person, OrganisationUnit, AgencySettings])
def test_every_screen_opens_for_every_role_of_the_agency(agency_site, model):
    team = team_make(agency_site)
    if model is Person:
        obj = _person(agency_site)
    elif model is OrganisationUnit:
        obj = _unit(agency_site, "สำนักงานจังหวัดเพชรบุรี")
    else:
        obj = AgencySettings.for_site(agency_site)
    _executives_page(agency_site, obj if model is Person else None)
    obj.get_workflow().start(obj, team["editor"])
    task_state_id = obj.current_workflow_task_state.pk
    urls = [_url(model, "list"), *_object_urls(model, obj, task_state_id)]
    if model is not AgencySettings:
        urls += [_url(model, "add"), _chooser_url(model), _chooser_url(model, "choose_results")]
    for role, user in team.items():
        member = client_for(user)
        for url in urls:
            response = member.get(url)
            assert response.status_code in (200, 302, 403, 404, 405), (role, url, response.status_code)
    editor, reviewer = client_for(team["editor"]), client_for(team["reviewer"])
    assert editor.get(_url(model, "list")).status_code == 200
    assert editor.get(_url(model, "edit", obj.pk)).status_code == 200
    assert reviewer.get(_url(model, "edit", obj.pk)).status_code == 200
    assert str(obj) in editor.get(_url(model, "list")).content.decode()


def test_roles_get_the_permissions_they_need_and_setup_brings_them_back_in_line(agency_site):
    def codenames(role):
        group = AgencyGroup.objects.get(site=agency_site, role=role).group
        types = ContentType.objects.filter(model__in=["person", "organisationunit", "agencysettings"])
        return set(group.permissions.filter(content_type__in=types).values_list("codename", flat=True))

    assert codenames(AgencyRole.EDITORS) == {
        f"{action}_{model}"
        for action in ("add", "change")
        for model in ("person", "organisationunit", "agencysettings")
    }
    assert codenames(AgencyRole.WORKING_GROUP) == {"change_person", "change_organisationunit", "change_agencysettings"}
    # Wagtail checks the final approver's publish permission on snippets; the hooks refuse a direct publish.
    assert {"delete_person", "publish_person", "lock_person", "unlock_person"} <= codenames(AgencyRole.ADMINISTRATORS)
    assert codenames(AgencyRole.EXECUTIVES) == set()

    editors = AgencyGroup.objects.get(site=agency_site, role=AgencyRole.EDITORS).group
    editors.permissions.add(*editors.permissions.model.objects.filter(codename__in=["publish_person", "delete_person"]))
    settings = AgencySettings.for_site(agency_site)
    agency_groups_ensure(agency_site, settings.name_th, settings.collection)
    assert "publish_person" not in codenames(AgencyRole.EDITORS)
    assert "delete_person" not in codenames(AgencyRole.EDITORS)


def test_agency_details_change_through_the_workflow(agency_site, client):
    team = team_make(agency_site)
    settings = AgencySettings.for_site(agency_site)
    editor = client_for(team["editor"])
    data = {
        "name_th": settings.name_th,
        "name_en": settings.name_en,
        "address": "ศาลากลางจังหวัดเพชรบุรี",
        "phone": "032 999 999",
        "email": "",
        "office_hours": settings.office_hours,
        "action-submit": "1",
    }
    response = editor.post(_url(AgencySettings, "edit", settings.pk), data)
    assert response.status_code == 302
    assert "032 999 999" not in client.get(agency_site.root_page.url).content.decode()
    collection_id = settings.collection_id

    settings.refresh_from_db()
    client_for(team["reviewer"]).post(
        _url(AgencySettings, "workflow_action", settings.pk, "approve", settings.current_workflow_task_state.pk),
        CHECKS,
    )
    settings.refresh_from_db()
    client_for(team["admin"]).post(
        _url(AgencySettings, "workflow_action", settings.pk, "approve", settings.current_workflow_task_state.pk)
    )
    settings.refresh_from_db()
    assert settings.phone == "032 999 999" and settings.collection_id == collection_id
    assert "032 999 999" in client.get(agency_site.root_page.url).content.decode()


def test_search_finds_only_the_checked_names(agency_site):
    """A page is found by its people's names once the working group's check made them live; a draft name is never
    found, and a published change is found at once (the pages naming the person are indexed again)."""
    from wagtail.search import index

    from search.selectors import site_search

    draft = Person(site=agency_site, name="นางสาว Quillondraft", live=False)  # as the admin saves a draft
    draft.save()
    governor = _person(agency_site, name="นาย Oldgovernor")
    page = _executives_page(agency_site, governor)
    page.executives.add(ExecutiveEntry(position="รองผู้ว่าราชการจังหวัด", person=draft))
    page.save_revision().publish()
    index.insert_or_update_object(ExecutivesPage.objects.get(pk=page.pk))  # as Wagtail does once committed

    def found(query):
        return [hit.pk for hit in site_search(agency_site, query).hits if not hit.is_document]

    assert page.pk in found("Oldgovernor")
    assert page.pk not in found("Quillondraft")
    governor.name = "นาย Newgovernor"
    agency_data_publish(governor)
    assert page.pk in found("Newgovernor")
    agency_data_publish(draft)
    assert page.pk in found("Quillondraft")
