"""Security headers in Debian's Chromium: the home page, a citizen's manual, the search page with its
type-ahead, the user bar, and the admin's editing screen with its preview load without a single CSP or
Permissions-Policy violation.

Apart from tests/test_security_headers.py: its module-wide demo content is held in an open transaction, which a live
server's transactional test cannot run beside on SQLite (the tables stay locked)."""

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_pages_run_in_chromium_without_a_policy_violation(live_server, agency_site, browser, admin_session):
    from playwright.sync_api import expect

    from publishing.models import AgencyRole
    from publishing.tests.utils import manual_draft, member_make
    from services.models import ServiceIndexPage
    from services.tests.factories import manual_create

    services = ServiceIndexPage.objects.descendant_of(agency_site.root_page).get()
    manual = manual_create(services, "การขอเลขที่บ้าน", slug="house-number", fees=[("ค่าธรรมเนียม", 20)])
    manual.save_revision().publish()
    editor = member_make(agency_site, AgencyRole.EDITORS, "csp-editor")
    draft = manual_draft(agency_site, editor, title="การขออนุญาตก่อสร้างอาคาร", slug="building-permit")

    def visit(page, path, reported):
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        return reported

    def watch(page):
        reported = []
        page.on("console", lambda message: reported.append(message.text))
        # Registered before any page script runs; Chromium fires it for every blocked script, style, frame or fetch.
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => "
            "console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
        )
        return reported

    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    reported = watch(page)
    visit(page, "/", reported)
    assert page.locator(".site-brand").count() == 1
    visit(page, manual.url, reported)
    assert page.locator("h1").inner_text() == "การขอเลขที่บ้าน"
    visit(page, "/search/?q=เลขที่บ้าน", reported)
    # The type-ahead script (a static file) runs and fetches its suggestions under the policy.
    page.fill("input[data-suggest-url]", "การขอ")
    page.locator("#search-suggestions a").first.wait_for()
    context.close()
    # An editor signed in sees Wagtail's user bar on the public pages, under the same strict policy; in the admin,
    # the editing screen (inline panels, date pickers) and its preview panel work under the admin's policy.
    _, editor_page = admin_session("csp-editor")
    reported += watch(editor_page)
    visit(editor_page, manual.url, reported)
    editor_page.locator("wagtail-userbar").wait_for(state="attached")
    visit(editor_page, f"/admin/pages/{draft.pk}/edit/", reported)
    editor_page.locator("button[data-side-panel-toggle='preview']").click()
    expect(editor_page.frame_locator("#w-preview-iframe").locator("h1")).to_have_text(draft.title)
    problems = [text for text in reported if "Content Security Policy" in text or "CSP violation" in text]
    problems += [text for text in reported if "Permissions-Policy" in text]
    assert problems == []
