"""The personal-data guard (PDPA B.E. 2562; OIA B.E. 2540 s.9 para. 2 lets an agency withhold personal data): what
personal data the revision under review would publish, in its own text and in the extracted text of the documents
it publishes, found so that the working group checks it before approving.

Found: Thai national ID numbers (13 digits whose check digit is valid, plain or grouped 1-2345-67890-12-3 with
dashes or spaces, Arabic or Thai digits), Thai mobile numbers (06x, 08x, 09x; +66 too) and e-mail addresses.
Not found: 13-digit numbers with a wrong check digit (procurement, contract and document numbers), landline numbers
(in what an agency publishes they are offices' numbers, its own and other agencies'; flagging them would bury the
few private numbers under hundreds of office ones), and the agency's own published contact details: its settings'
phone and e-mail, its units' and people's public phone and e-mail, and addresses on its own official mail domain
(a ``.go.th``/``.ac.th``/``.mi.th`` domain of its settings' e-mail or of its site; a webmail domain never counts).

Bounded by design: each source is scanned up to ``MAX_SCAN_CHARS`` characters (a document's text is cut in the
database, never loaded whole), with regular expressions of bounded repetition that run in linear time; a source cut
short is named, so the working group knows to read the rest."""

import dataclasses
import html
import re

from django.db import models
from django.db.models.functions import Substr

from modelcluster.models import ClusterableModel, get_all_child_relations
from wagtail.fields import StreamField
from wagtail.models import Page, ReferenceIndex, Site

# Characters scanned per source (a field, a document's extracted text). 5 MB of text scans in about a second; this
# keeps a review's scan well under that for the largest documents (bench/bench_personal_data.py).
MAX_SCAN_CHARS = 1_000_000
# Distinct values listed per source; the rest are counted together (``MORE``).
MAX_FINDINGS_PER_SOURCE = 50
MORE = "รายการอื่น ๆ (ไม่แสดงทีละรายการ)"

NATIONAL_ID, MOBILE, EMAIL = "national_id", "mobile", "email"
KIND_LABELS = {
    NATIONAL_ID: "เลขประจำตัวประชาชน",
    MOBILE: "หมายเลขโทรศัพท์เคลื่อนที่",
    EMAIL: "อีเมล",
}

OFFICIAL_DOMAIN_SUFFIXES = (".go.th", ".ac.th", ".mi.th")
# Page fields a citizen reads; the rest of Page's own fields are the tree's bookkeeping.
PAGE_TEXT_FIELDS = {"title", "seo_title", "search_description"}

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SEP = r"[ \-\u00a0\u2010-\u2013]?"
# 1-2345-67890-12-3, 1 2345 67890 12 3 or 1234567890123; not part of a longer number.
NATIONAL_ID_RE = re.compile(rf"(?<![0-9])[0-9]{_SEP}[0-9]{{4}}{_SEP}[0-9]{{5}}{_SEP}[0-9]{{2}}{_SEP}[0-9](?![0-9])")
# 0812345678, 081-234-5678, 08 1234 5678, +66 81 234 5678, 66812345678.
MOBILE_RE = re.compile(rf"(?<![0-9+])(?:\+?66{_SEP}|0)[689](?:{_SEP}[0-9]){{8}}(?![0-9])")
EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)
TAG_RE = re.compile(r"<[^<>]*>")  # a tag never spans another "<": linear


def thai_id_is_valid(digits: str) -> bool:
    """The check digit of a Thai national ID number: the first 12 digits weighted 13..2, (11 - sum mod 11) mod 10."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:12], range(13, 1, -1), strict=True))
    return (11 - total % 11) % 10 == int(digits[12])


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _mobile_normalised(text: str) -> str:
    digits = _digits(text)
    return "0" + digits[2:] if digits.startswith("66") else digits


def _mask(kind: str, value: str) -> str:
    if kind == NATIONAL_ID:
        return f"X-XXXX-XXXX{value[9]}-{value[10:12]}-{value[12]}"
    if kind == MOBILE:
        return f"XXX-XXX-{value[-4:]}"
    local, _, domain = value.partition("@")
    return f"{local[:2]}{'*' * max(3, len(local) - 2)}@{domain}"


@dataclasses.dataclass(frozen=True)
class AgencyContacts:
    """What the agency itself publishes as its contact details: never flagged."""

    phones: frozenset = frozenset()
    emails: frozenset = frozenset()
    domains: frozenset = frozenset()

    def allows(self, kind: str, value: str) -> bool:
        if kind == MOBILE:
            return value in self.phones
        if kind == EMAIL:
            domain = value.rpartition("@")[2]
            return value in self.emails or any(domain == d or domain.endswith("." + d) for d in self.domains)
        return False


@dataclasses.dataclass(frozen=True)
class Finding:
    kind: str
    where: str
    masked: str
    count: int = 1

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    def as_json(self) -> dict:
        return {"kind": self.kind, "where": self.where, "masked": self.masked, "count": self.count}


@dataclasses.dataclass
class PersonalDataScan:
    findings: list[Finding]
    partly_scanned: list[str]

    @property
    def found(self) -> bool:
        return bool(self.findings)


def text_personal_data(text: str, contacts: AgencyContacts = AgencyContacts()) -> tuple[list[tuple[str, str]], bool]:
    """The personal data in ``text`` as ``(kind, full value)`` in order of appearance, and whether ``text`` was cut
    at ``MAX_SCAN_CHARS``. The values are full: callers store and show them masked only."""
    truncated = len(text) > MAX_SCAN_CHARS
    text = text[:MAX_SCAN_CHARS].translate(THAI_DIGITS)
    found: list[tuple[int, str, str]] = []
    for match in NATIONAL_ID_RE.finditer(text):
        digits = _digits(match.group())
        if thai_id_is_valid(digits):
            found.append((match.start(), NATIONAL_ID, digits))
    # A mobile number inside a 13-digit number (valid or not) is part of that number: blank those out first,
    # keeping the positions.
    without_ids = NATIONAL_ID_RE.sub(lambda match: "#" * len(match.group()), text)
    for match in MOBILE_RE.finditer(without_ids):
        number = _mobile_normalised(match.group())
        if len(number) == 10 and not contacts.allows(MOBILE, number):
            found.append((match.start(), MOBILE, number))
    for match in EMAIL_RE.finditer(text):
        address = match.group().lower()
        if not contacts.allows(EMAIL, address):
            found.append((match.start(), EMAIL, address))
    return [(kind, value) for _position, kind, value in sorted(found)], truncated


def _plain(value: str) -> str:
    return html.unescape(TAG_RE.sub(" ", value))


def _stream_strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in ("type", "id"):
                yield from _stream_strings(value)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _stream_strings(item)


def _text_fields(model):
    for field in model._meta.concrete_fields:
        if not field.editable or field.choices or isinstance(field, models.SlugField):
            continue
        if field.model is Page and field.name not in PAGE_TEXT_FIELDS:
            continue
        if isinstance(field, StreamField | models.CharField | models.TextField):
            yield field


def _field_text(obj, field) -> str:
    value = getattr(obj, field.name, None)
    if value is None:
        return ""
    if isinstance(field, StreamField):
        return " ".join(_plain(text) for text in _stream_strings(value.get_prep_value()))
    return _plain(str(value))


def object_texts(obj, prefix: str = "") -> list[tuple[str, str]]:
    """``(where, text)`` for every text of ``obj`` (an object as in a revision): its own text, rich text and
    StreamField fields, then its child rows' (InlinePanel), each named by its Thai verbose name."""
    texts = []
    for field in _text_fields(type(obj)):
        text = _field_text(obj, field)
        if text.strip():
            texts.append((f"{prefix}{field.verbose_name}", text))
    if isinstance(obj, ClusterableModel):
        for relation in get_all_child_relations(obj):
            rows = getattr(obj, relation.get_accessor_name()).all()
            for number, row in enumerate(rows, start=1):
                texts += object_texts(row, f"{prefix}{row._meta.verbose_name} ลำดับที่ {number} — ")
    return texts


def documents_published_by(obj) -> list[dict]:
    """The library documents that ``obj`` (as in a revision, not the live version) publishes: document fields, child
    rows and links in rich text and StreamField, as Wagtail's reference index finds them. Each with its title and
    the start of its extracted text (``MAX_SCAN_CHARS`` + 1 characters, cut in the database)."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.documents import get_document_model

    document_model = get_document_model()
    content_type_id = ContentType.objects.get_for_model(document_model).pk
    # Wagtail's reference extraction walks fields, rich text, StreamField blocks and child rows of an in-memory object.
    ids = {
        object_id
        for to_content_type_id, object_id, _model_path, _content_path in (
            ReferenceIndex._extract_references_from_object(obj)
        )
        if to_content_type_id == content_type_id
    }
    ids = [int(pk) for pk in ids if str(pk).isdigit()]
    if not ids or not hasattr(document_model, "extracted_text"):
        return []
    return list(
        document_model.objects.filter(pk__in=ids)
        .annotate(text_head=Substr("extracted_text", 1, MAX_SCAN_CHARS + 1))
        .order_by("title", "pk")
        .values("pk", "title", "text_head")
    )


def _contact_rows(model, site):
    rows = model.objects.all()
    field_names = {field.name for field in model._meta.get_fields()}
    if "site" in field_names and site is not None:
        rows = rows.filter(site=site)
    if "live" in field_names:
        rows = rows.filter(live=True)
    return rows.values_list("phone", "email")


def agency_contacts(site: Site | None) -> AgencyContacts:
    """The agency's own published contact details (see the module's docstring)."""
    from django.apps import apps

    from core.models import AgencySettings

    values: list[tuple[str, str]] = []
    domains = set()
    if site is not None:
        settings = AgencySettings.for_site(site)
        values.append((settings.phone, settings.email))
        hostname = site.hostname.lower().removeprefix("www.")
        for domain in (settings.email.rpartition("@")[2].lower(), hostname):
            if domain.endswith(OFFICIAL_DOMAIN_SUFFIXES):
                domains.add(domain)
    for label in ("core.OrganisationUnit", "disclosure.Person"):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        values += list(_contact_rows(model, site))
    phones, emails = set(), set()
    for phone, email in values:
        phones.update(_mobile_normalised(m.group()) for m in MOBILE_RE.finditer((phone or "").translate(THAI_DIGITS)))
        if email:
            emails.add(email.lower())
    return AgencyContacts(frozenset(phones), frozenset(emails), frozenset(domains))


def personal_data_scan(sources: list[tuple[str, str]], contacts: AgencyContacts) -> PersonalDataScan:
    """Scan ``(where, text)`` sources; one finding per kind, value and source, with how many times it occurs. A
    source listing more than ``MAX_FINDINGS_PER_SOURCE`` values (a register of citizens) shows that many, and the
    rest as one finding per kind with their count, so what is stored and shown stays small."""
    findings: list[Finding] = []
    partly_scanned = []
    for where, text in sources:
        found, truncated = text_personal_data(text, contacts)
        if truncated:
            partly_scanned.append(where)
        counts: dict[tuple[str, str], int] = {}
        for kind, value in found:
            counts[(kind, value)] = counts.get((kind, value), 0) + 1
        rest: dict[str, int] = {}
        for number, ((kind, value), count) in enumerate(counts.items()):
            if number < MAX_FINDINGS_PER_SOURCE:
                findings.append(Finding(kind, where, _mask(kind, value), count))
            else:
                rest[kind] = rest.get(kind, 0) + count
        findings += [Finding(kind, where, MORE, count) for kind, count in rest.items()]
    return PersonalDataScan(findings=findings, partly_scanned=partly_scanned)


def _site_of(obj, workflow_state) -> Site | None:
    from publishing.selectors import site_for_page

    if isinstance(obj, Page):
        return site_for_page(obj)
    site = getattr(obj, "site", None)
    if isinstance(site, Site):
        return site
    # A snippet under its agency's workflow: the workflow is the one on the agency's home page.
    from wagtail.models import WorkflowPage

    if workflow_state is not None:
        link = WorkflowPage.objects.filter(workflow_id=workflow_state.workflow_id).select_related("page").first()
        if link is not None:
            return site_for_page(link.page)
    return None


def personal_data_of_revision(revision, workflow_state=None) -> PersonalDataScan:
    """The personal data that publishing ``revision`` would publish: in the object's text (as in the revision) and
    in the extracted text of every document the revision publishes, minus the agency's own contact details."""
    obj = revision.as_object()
    sources = object_texts(obj)
    sources += [
        (f"เอกสาร “{document['title']}”", document["text_head"] or "") for document in documents_published_by(obj)
    ]
    return personal_data_scan(sources, agency_contacts(_site_of(obj, workflow_state)))


def personal_data_of_task_state(task_state) -> PersonalDataScan:
    """The personal data in the revision a task state reviews (what the working group is asked to approve)."""
    if task_state.revision is None:
        return PersonalDataScan([], [])
    return personal_data_of_revision(task_state.revision, task_state.workflow_state)
