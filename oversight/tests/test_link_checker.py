"""The link checker: external links against a local server started here (never the internet), internal
links from the database, the stored results on the administrators' dashboard and in the compliance matrix."""

import datetime
import io
import ipaddress
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from core.models import AgencySettings
from disclosure.models import LawIndexPage, LawPage, LawType
from documents.models import LibraryDocument
from home.models import StandardPage
from oversight.link_checker import links_check, links_check_locked, site_links
from oversight.models import BrokenLink, ItaEvidencePage, ItaFramework, LinkError, PageItaItem
from publishing.models import AgencyRole
from publishing.tests.utils import client_for, member_make

pytestmark = pytest.mark.django_db

TIMEOUT = 0.5  # the checker's timeout in these tests; /slow answers after SLOW seconds
SLOW = 2.0


class Handler(BaseHTTPRequestHandler):
    """200, 404, 500, too slow, a redirect loop, and a HEAD refused (405) whose GET works."""

    seen: list = []  # (method, path, user agent) of every request, shared by the servers of the module

    def log_message(self, *args):  # silent tests
        pass

    def _answer(self):
        Handler.seen.append((self.command, self.path, self.headers.get("User-Agent")))
        if self.path == "/slow":
            time.sleep(SLOW)
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
        elif self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        else:
            codes = {"/ok": 200, "/slow": 200, "/no-head": 200, "/missing": 404, "/broken": 500}
            self.send_response(codes.get(self.path, 404))
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = _answer


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a client gone after its timeout must not hold the shutdown

    def handle_error(self, request, client_address):
        pass  # the client of /slow has left before the answer (a broken pipe): expected, and silent


def _serve(server):
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    return server


def _self_signed_context(folder):
    """A TLS server context with a certificate for 127.0.0.1 that nobody signed (``cryptography``)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .sign(key, hashes.SHA256())
    )
    (folder / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


@pytest.fixture(scope="module")
def remote(tmp_path_factory):
    """``remote("/ok")`` is a URL on a local HTTP server; ``remote("/ok", tls=True)`` on a local HTTPS server with a
    self-signed certificate (``cryptography`` is pinned in requirements-test.txt)."""
    http = _serve(Server(("127.0.0.1", 0), Handler))
    https = Server(("127.0.0.1", 0), Handler)
    https.socket = _self_signed_context(tmp_path_factory.mktemp("tls")).wrap_socket(https.socket, server_side=True)
    _serve(https)

    def url(path, tls=False):
        server = https if tls else http
        return f"{'https' if tls else 'http'}://127.0.0.1:{server.server_address[1]}{path}"

    yield url
    for server in (http, https):
        server.shutdown()
        server.server_close()


@pytest.fixture(autouse=True)
def _requests_seen():
    Handler.seen.clear()


@pytest.fixture
def oit():
    return ItaFramework.objects.get(name="OIT 2566")


def _law(site, slug, source_url, codes=(), framework=None):
    index = LawIndexPage.objects.descendant_of(site.root_page).get()
    law = LawPage(
        title=f"กฎหมาย {slug}",
        slug=slug,
        law_type=LawType.ACT,
        source_name="แหล่งที่มา",
        source_url=source_url,
    )
    law.ita_items = [PageItaItem(item=framework.items.get(code=code)) for code in codes]
    index.add_child(instance=law)
    law.save_revision().publish()
    return law


def _tagged_page(site, slug, code, framework):
    page = StandardPage(title=f"หน้า {slug}", slug=slug, body="<p>ข้อมูล</p>", live=False)
    page.ita_items = [PageItaItem(item=framework.items.get(code=code))]
    site.root_page.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()  # published from the revision: this copy still says not live
    return page


def _document(site, title, code, framework, public):
    document = LibraryDocument.objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4 evidence", name="evidence.pdf"),
        collection_id=AgencySettings.for_site(site).collection_id,
    )
    LibraryDocument.objects.filter(pk=document.pk).update(is_public=public)
    document.ita_items.add(framework.items.get(code=code))
    return document


def _broken(site):
    return {row.url: (row.error, row.status_code) for row in BrokenLink.objects.filter(site=site)}


def test_external_links_each_way_a_link_breaks(agency_site, remote):
    for slug, path in [("ok", "/ok"), ("missing", "/missing"), ("broken", "/broken"), ("slow", "/slow")]:
        _law(agency_site, slug, remote(path))
    _law(agency_site, "loop", remote("/loop"))
    _law(agency_site, "no-head", remote("/no-head"))
    _law(agency_site, "refused", "http://127.0.0.1:1/nothing-listens-here")
    external, _ = site_links(agency_site)
    assert external and all(link.url.startswith(("http://127.0.0.1:", "https://127.0.0.1:")) for link in external)

    links_check(agency_site, timeout=TIMEOUT)

    expected = {
        remote("/missing"): (LinkError.NOT_FOUND, 404),
        remote("/broken"): (LinkError.SERVER_ERROR, 500),
        remote("/slow"): (LinkError.TIMEOUT, None),
        remote("/loop"): (LinkError.REDIRECT_LOOP, None),
        "http://127.0.0.1:1/nothing-listens-here": (LinkError.CONNECTION, None),
    }
    assert _broken(agency_site) == expected
    # The HEAD refused with 405 was asked again with a GET, which worked; a working link is asked once.
    assert [method for method, path, _ in Handler.seen if path == "/no-head"] == ["HEAD", "GET"]
    assert [method for method, path, _ in Handler.seen if path == "/ok"] == ["HEAD"]
    # At most a few redirects are followed, then the loop is reported.
    assert 2 <= len([path for _, path, _ in Handler.seen if path == "/loop"]) <= 6
    assert {agent for _, _, agent in Handler.seen} == {"Prongsai link checker (+http://localhost/)"}
    labels = {row.url: row.error_label for row in BrokenLink.objects.all()}
    assert labels[remote("/missing")] == "ไม่พบหน้า (404)"
    assert labels[remote("/slow")] == "หมดเวลา"
    assert labels[remote("/loop")] == "วนเปลี่ยนเส้นทาง"
    assert labels["http://127.0.0.1:1/nothing-listens-here"] == "เชื่อมต่อไม่ได้"


def test_tls_error_is_reported(agency_site, remote):
    _law(agency_site, "tls", remote("/ok", tls=True))
    links_check(agency_site, timeout=TIMEOUT)
    row = BrokenLink.objects.get()
    assert (row.error, row.error_label) == (LinkError.TLS, "ใบรับรอง TLS ไม่ถูกต้อง")


def test_internal_links_are_checked_in_the_database(agency_site, oit, remote):
    live = _tagged_page(agency_site, "structure", "O1", oit)
    unpublished = _tagged_page(agency_site, "old-plan", "O2", oit)
    unpublished.unpublish()
    private = _tagged_page(agency_site, "members-only", "O3", oit)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    never_published = StandardPage(title="ร่างยังไม่เคยเผยแพร่", slug="skeleton", body="<p>ร่าง</p>", live=False)
    never_published.ita_items = [PageItaItem(item=oit.items.get(code="O4"))]
    agency_site.root_page.add_child(instance=never_published)
    public_document = _document(agency_site, "แผนปฏิบัติการ", "O5", oit, public=True)
    private_document = _document(agency_site, "รายงานยังไม่เผยแพร่", "O6", oit, public=False)
    # A law's source on the agency's own site: resolved without a request.
    _law(agency_site, "own-page", "http://localhost/structure/")
    _law(agency_site, "own-missing", "http://localhost/no-such-page/")
    # The ITA evidence page's introduction links to the unpublished page.
    evidence_page = ItaEvidencePage(
        title="การเปิดเผยข้อมูลสาธารณะ (OIT)",
        slug="ita",
        framework=oit,
        intro=f'<p>ดู<a linktype="page" id="{unpublished.pk}">แผนเดิม</a></p>',
    )
    agency_site.root_page.add_child(instance=evidence_page)
    evidence_page.save_revision().publish()

    links_check(agency_site, timeout=TIMEOUT)

    assert Handler.seen == []  # nothing went over HTTP
    rows = {(row.page_id, row.document_id): row for row in BrokenLink.objects.filter(site=agency_site)}
    assert rows[(unpublished.pk, None)].error == LinkError.NOT_LIVE
    assert rows[(unpublished.pk, None)].url == "http://localhost/old-plan/"
    assert rows[(private.pk, None)].error == LinkError.NOT_PUBLIC
    assert rows[(None, private_document.pk)].error == LinkError.NOT_PUBLIC
    assert rows[(None, private_document.pk)].url == f"http://localhost{private_document.url}"
    own_missing = LawPage.objects.get(slug="own-missing")
    assert rows[(own_missing.pk, None)].error == LinkError.NOT_FOUND
    assert rows[(evidence_page.pk, None)].error == LinkError.NOT_LIVE
    assert rows[(evidence_page.pk, None)].url == "http://localhost/old-plan/"
    assert len(rows) == 5
    assert (live.pk, None) not in rows and (None, public_document.pk) not in rows
    assert (never_published.pk, None) not in rows  # no link yet: the matrix counts the item as without evidence

    # The public document's file disappears from the storage: its link is broken.
    public_document.file.storage.delete(public_document.file.name)
    links_check(agency_site, timeout=TIMEOUT)
    row = BrokenLink.objects.get(document=public_document)
    assert (row.error, row.status_code) == (LinkError.NOT_FOUND, 404)


def test_a_fixed_link_leaves_the_dashboard_after_the_next_run(agency_site, remote):
    law = _law(agency_site, "moved", remote("/missing"))
    admin = client_for(member_make(agency_site, AgencyRole.ADMINISTRATORS, "webadmin"))
    first = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)

    links_check(agency_site, timeout=TIMEOUT, now=first)
    links_check(agency_site, timeout=TIMEOUT, now=first + datetime.timedelta(days=1))
    row = BrokenLink.objects.get()
    assert (row.first_broken_at, row.last_broken_at) == (first, first + datetime.timedelta(days=1))
    html = admin.get(reverse("wagtailadmin_home")).content.decode()
    assert remote("/missing") in html and "ไม่พบหน้า (404)" in html

    LawPage.objects.filter(pk=law.pk).update(source_url=remote("/ok"))
    links_check(agency_site, timeout=TIMEOUT)

    assert not BrokenLink.objects.exists()
    html = admin.get(reverse("wagtailadmin_home")).content.decode()
    assert "ลิงก์ที่ใช้ไม่ได้" in html and remote("/missing") not in html


def test_the_dashboard_panel_shows_an_agencys_links_to_its_administrators_only(agency_site, second_agency_site, remote):
    law = _law(agency_site, "gone", remote("/missing"))
    links_check_locked(agency_site, timeout=TIMEOUT)
    links_check_locked(second_agency_site, timeout=TIMEOUT)

    html = client_for(member_make(agency_site, AgencyRole.ADMINISTRATORS, "webadmin")).get(reverse("wagtailadmin_home"))
    html = html.content.decode()
    panel = html[html.index('id="prongsai-broken-links-heading"') :]
    assert reverse("wagtailadmin_pages:edit", args=[law.pk]) in panel and law.title in panel
    assert remote("/missing") in panel and "ไม่พบหน้า (404)" in panel and "ลิงก์แหล่งที่มาของกฎหมาย" in panel
    assert "ตรวจสอบล่าสุดเมื่อ" in panel

    other = client_for(member_make(second_agency_site, AgencyRole.ADMINISTRATORS, "townadmin"))
    html = other.get(reverse("wagtailadmin_home")).content.decode()
    assert "ไม่พบลิงก์ที่ใช้ไม่ได้" in html
    assert remote("/missing") not in html and law.title not in html

    editor = client_for(member_make(agency_site, AgencyRole.EDITORS, "editor"))
    html = editor.get(reverse("wagtailadmin_home")).content.decode()
    assert "prongsai-broken-links-heading" not in html and remote("/missing") not in html


def test_the_compliance_matrix_marks_the_item_whose_evidence_link_is_broken(agency_site, oit, remote):
    _law(agency_site, "act", remote("/missing"), codes=["O3"], framework=oit)
    _law(agency_site, "rule", remote("/ok"), codes=["O4"], framework=oit)
    _document(agency_site, "รายงานยังไม่เผยแพร่", "O6", oit, public=False)
    links_check(agency_site, timeout=TIMEOUT)
    client = client_for(member_make(agency_site, AgencyRole.WORKING_GROUP, "reviewer"))

    response = client.get(reverse("oversight_compliance"), {"framework": oit.pk})

    rows = {row.item.code: row for row in response.context["rows"]}
    assert (rows["O3"].broken_links, rows["O4"].broken_links, rows["O6"].broken_links) == (1, 0, 1)
    html = response.content.decode()
    o3 = html[html.index("<td>O3</td>") : html.index("<td>O4</td>")]
    o4 = html[html.index("<td>O4</td>") : html.index("<td>O5</td>")]
    assert 'data-broken-links="1"' in o3 and "ลิงก์หลักฐานใช้ไม่ได้ 1 รายการ" in o3
    assert "data-broken-links" not in o4


def test_the_scheduler_checks_each_agency_once_a_day(agency_site, second_agency_site, remote, settings):
    settings.LINK_CHECK_HOURS = 24
    _law(agency_site, "gone", remote("/missing"))
    output = io.StringIO()

    call_command("run_scheduler", "--once", stdout=output)
    call_command("run_scheduler", "--once", stdout=output)
    call_command("run_scheduler", "--once", stdout=output)

    # One agency per run, each once: the third run finds both checked within the day.
    assert output.getvalue().count("Links checked:") == 2
    assert "Links checked: localhost" in output.getvalue() and "Links checked: town.localhost" in output.getvalue()
    assert [path for _, path, _ in Handler.seen] == ["/missing", "/missing"]  # HEAD, then GET to be sure
    assert list(BrokenLink.objects.values_list("site_id", flat=True)) == [agency_site.pk]

    settings.LINK_CHECK_HOURS = 0
    BrokenLink.objects.all().delete()
    from publishing.models import SchedulerLock

    SchedulerLock.objects.filter(name__startswith="link-check:").update(last_run_at=None)
    call_command("run_scheduler", "--once", stdout=output)
    assert not BrokenLink.objects.exists()


def test_check_links_command(agency_site, second_agency_site, remote):
    _law(agency_site, "gone", remote("/missing"))
    output = io.StringIO()

    call_command("check_links", "--site", "localhost", "--timeout", str(TIMEOUT), stdout=output)

    assert output.getvalue() == "localhost: 1 broken link(s)\n"
    call_command("check_links", stdout=output)
    assert "town.localhost: 0 broken link(s)" in output.getvalue()
    with pytest.raises(CommandError, match="No agency site"):
        call_command("check_links", "--site", "www.example.go.th")
