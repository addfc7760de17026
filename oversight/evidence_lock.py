"""Evidence URLs stay put during an ITA assessment window.

The NACC's assessors read an agency's evidence URLs while a framework's assessment window is open
(``ItaFramework.window``), and in the appeal step they open only the original link. While the window of a framework
is open, a page that is evidence for it (``PageItaItem``), or whose subtree holds such a live page, is not moved,
renamed (slug), unpublished or deleted unless the agency's website administrator (or a superuser) confirms it
explicitly: the POST must carry ``confirm_evidence_url_change=1``. Editors and the working group are refused with a
message; administrators without the field get a confirmation screen that sends their request again with it. A
confirmed change is written into Wagtail's audit log (``LOG_ACTION``) with the frameworks affected.

The hooks are registered in ``oversight/wagtail_hooks.py``. What no hook of Wagtail reaches (a revision with another
slug, saved before the window, published by the workflow's approval modal or by ``publish_scheduled``) is described at
``revision_changes_slug_in_window``; the approval goes through the project's own hooks of ``PublishingTask``.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page

from core.thai import format_thai_date
from oversight.models import ItaFramework, PageItaItem
from publishing.models import AgencyRole
from publishing.selectors import agency_sites_for_user

CONFIRM_FIELD = "confirm_evidence_url_change"
LOG_ACTION = "prongsai.ita.evidence_url_change"
TEMPLATE = "oversight/evidence_lock_confirm.html"
# Where the hooks leave what a confirmed request changes, for the after-hooks to log once it is done.
_PENDING = "_prongsai_evidence_lock_pending"

MOVE, SLUG, UNPUBLISH, DELETE = "move", "slug", "unpublish", "delete"
ACTION_LABELS = {
    MOVE: "ย้ายหน้า",
    SLUG: "เปลี่ยน URL (slug) ของหน้า",
    UNPUBLISH: "ยกเลิกการเผยแพร่หน้า",
    DELETE: "ลบหน้า",
}
# What becomes of the old URL after each action (shown on the confirmation screen).
ACTION_OUTCOMES = {
    MOVE: "ระบบจะสร้างการเปลี่ยนเส้นทาง (redirect) จาก URL เดิมไปยัง URL ใหม่ให้อัตโนมัติ แต่ผู้ประเมินอาจไม่ยอมรับลิงก์ที่เปลี่ยนเส้นทาง",
    SLUG: "เมื่อเผยแพร่ ระบบจะสร้างการเปลี่ยนเส้นทาง (redirect) จาก URL เดิมไปยัง URL ใหม่ให้อัตโนมัติ "
    "แต่ผู้ประเมินอาจไม่ยอมรับลิงก์ที่เปลี่ยนเส้นทาง",
    UNPUBLISH: "URL เดิมจะแสดงว่าไม่พบหน้า (404) และไม่มีการเปลี่ยนเส้นทางไปที่ใด",
    DELETE: "URL เดิมจะแสดงว่าไม่พบหน้า (404) และไม่มีการเปลี่ยนเส้นทางไปที่ใด ลบแล้วกู้คืนไม่ได้",
}
# Wagtail's bulk action types, as this module names them.
BULK_ACTIONS = {"move": MOVE, "unpublish": UNPUBLISH, "delete": DELETE}


@dataclass
class EvidenceLock:
    """What a change would break: the live evidence tags (``links``, ``PageItaItem`` with their page, item and
    framework) of frameworks whose window is open on ``on``."""

    links: list
    on: datetime.date

    @property
    def frameworks(self) -> list[ItaFramework]:
        seen = {}
        for link in self.links:
            seen.setdefault(link.item.framework_id, link.item.framework)
        return list(seen.values())

    def __bool__(self):
        return bool(self.links)


def evidence_links_in_window(pages, on: datetime.date, include_descendants: bool = True) -> EvidenceLock:
    """The live pages among ``pages`` (and their descendants, unless ``include_descendants`` is false) that are
    evidence for a framework whose assessment window is open on ``on``. One query, whatever the number of pages."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return EvidenceLock([], on)
    where = Q()
    for page in pages:
        where |= Q(page__path__startswith=page.path) if include_descendants else Q(page_id=page.pk)
    links = (
        PageItaItem.objects.filter(where, page__live=True)
        .select_related("page", "item__framework")
        .order_by(
            "item__framework__fiscal_year", "item__framework__name", "item__sort_order", "item__code", "page__path"
        )
    )
    return EvidenceLock([link for link in links if link.item.framework.window_open(on)], on)


def evidence_frameworks_in_window(page: Page, on: datetime.date) -> list[ItaFramework]:
    """The frameworks whose window is open on ``on`` and for which ``page`` or a live page of its subtree is
    evidence (one query)."""
    return evidence_links_in_window([page], on).frameworks


def user_may_confirm(user, page: Page) -> bool:
    """Superusers, and the website administrators of the agency whose tree holds ``page``, may confirm a change of
    an evidence URL during the window; nobody else."""
    return user.is_authenticated and _user_may_confirm_all(user, [page])


def _user_may_confirm_all(user, pages) -> bool:
    if user.is_superuser:
        return True
    roots = [site.root_page.path for site in agency_sites_for_user(user, roles=(AgencyRole.ADMINISTRATORS,))]
    return all(any(page.path.startswith(root) for root in roots) for page in pages)


def confirmed(request) -> bool:
    """The request is a POST carrying the explicit confirmation field."""
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "1"


def window_text(framework: ItaFramework) -> str:
    start, end = framework.window
    return f"{format_thai_date(start)} ถึง {format_thai_date(end)}"


def frameworks_text(frameworks) -> str:
    return " และ ".join(f"{framework} (ช่วงการประเมิน {window_text(framework)})" for framework in frameworks)


def refusal_message(lock: EvidenceLock, action: str, may_confirm: bool = False) -> str:
    """The Thai message of a refusal: which frameworks, their windows, and why the URL must stay."""
    message = (
        f"{ACTION_LABELS[action]}ไม่ได้ในขณะนี้ เพราะหน้านี้หรือหน้าย่อยเป็นหลักฐานของ {frameworks_text(lock.frameworks)} "
        "ผู้ประเมินจะเปิดเฉพาะลิงก์เดิมที่หน่วยงานส่งไว้ (รวมถึงในขั้นตอนอุทธรณ์) "
        "หาก URL เปลี่ยนหรือหายไประหว่างช่วงการประเมิน หลักฐานอาจถูกนับว่าไม่มี"
    )
    if may_confirm:
        return message + " หากจำเป็นต้องดำเนินการจริง กรุณาอ่านผลกระทบและยืนยันด้านล่าง"
    return message + " หากจำเป็นต้องดำเนินการจริง กรุณาติดต่อผู้ดูแลระบบเว็บไซต์ของหน่วยงาน"


def confirmation_response(request, lock: EvidenceLock, action: str, pages, back_url: str):
    """The administrator's Thai confirmation screen: what breaks (the evidence and frameworks), what happens to the
    old URL, and a form that sends the same request again (to the same address, with the same fields) with the
    confirmation checkbox."""
    resend = []
    if request.method == "POST":
        resend = [
            (key, value)
            for key in request.POST
            if key not in ("csrfmiddlewaretoken", CONFIRM_FIELD)
            for value in request.POST.getlist(key)
        ]
    return TemplateResponse(
        request,
        TEMPLATE,
        {
            "action_label": ACTION_LABELS[action],
            "outcome": ACTION_OUTCOMES[action],
            "pages": pages,
            "lock": lock,
            "frameworks": [(framework, window_text(framework)) for framework in lock.frameworks],
            "resend": resend,
            "submit_url": request.get_full_path(),
            "back_url": back_url,
            "confirm_field": CONFIRM_FIELD,
        },
    )


def guard(request, pages, action: str, back_url: str, include_descendants: bool = True, extra=None):
    """The common gate of the hooks: ``None`` to let Wagtail go on, or the response that stops it.

    Outside every window, or for pages that are no live evidence, nothing happens. A confirmed POST by someone who
    may confirm goes on (and is logged by ``log_pending`` once done). Someone who may confirm otherwise gets the
    confirmation screen; anyone else a Thai error message and a redirect to ``back_url``. Nothing is changed."""
    lock = evidence_links_in_window(pages, timezone.localdate(), include_descendants=include_descendants)
    if not lock:
        return None
    may_confirm = _user_may_confirm_all(request.user, pages)
    if may_confirm and confirmed(request):
        pending = {
            "action": action,
            "pages": list(pages),
            # As they are now: a move changes the instances' paths before the after-hook logs.
            "old_paths": {page.pk: (page.path, page.url_path) for page in pages},
            "lock": lock,
            "extra": extra or {},
        }
        setattr(request, _PENDING, pending)
        if action == DELETE:
            # Logged now, while the pages exist (an entry for a deleted page does not validate); the delete views
            # run their hooks and the deletion in one transaction. A mistyped site name deletes nothing.
            typed = request.POST.get("confirm_site_name")
            if not typed or typed == getattr(settings, "WAGTAIL_SITE_NAME", "wagtail"):
                log_pending(request)
        return None
    if not request.accepts("text/html"):  # the edit view's autosave expects JSON
        return JsonResponse(
            {
                "success": False,
                "error_code": "blocked_by_hook",
                "error_message": refusal_message(lock, action, may_confirm),
            },
            status=400,
        )
    if may_confirm:
        if request.method == "POST":
            messages.warning(request, refusal_message(lock, action, may_confirm=True))
        return confirmation_response(request, lock, action, pages, back_url)
    messages.error(request, refusal_message(lock, action))
    return redirect(back_url)


def _explore_parent_url(page: Page) -> str:
    from django.urls import reverse

    parent = page.get_parent()
    return reverse("wagtailadmin_explore", args=[parent.pk if parent else page.pk])


def log_pending(request) -> None:
    """Write the confirmed change that ``guard`` let through into the audit log (called by the after-hooks, once
    Wagtail has made it), one entry per page, with the frameworks and items affected."""
    pending = getattr(request, _PENDING, None)
    if not pending:
        return
    delattr(request, _PENDING)
    lock = pending["lock"]
    for page in pending["pages"]:
        old_path, old_url_path = pending["old_paths"][page.pk]
        links = [link for link in lock.links if link.page.path.startswith(old_path)]
        if links:
            _log_confirmed(
                page, request.user, EvidenceLock(links, lock.on), pending["action"], old_url_path, pending["extra"]
            )


def _log_confirmed(page, user, lock: EvidenceLock, action: str, old_url_path: str, extra: dict) -> None:
    """One audit-log entry (``LOG_ACTION``) for a confirmed ``action`` on ``page``: the frameworks and items of
    ``lock`` (the evidence under ``page``), the page's URL path before the change, and ``extra``."""
    log(
        instance=page,
        action=LOG_ACTION,
        user=user,
        data={
            "change": action,
            "frameworks": [
                {
                    "id": framework.pk,
                    "name": str(framework),
                    "window": [day.isoformat() for day in framework.window],
                }
                for framework in lock.frameworks
            ],
            "items": [
                {"code": link.item.code, "framework_id": link.item.framework_id, "page_id": link.page_id}
                for link in lock.links
            ],
            "old_url_path": old_url_path,
            **extra,
        },
    )


class EvidenceUrlChangeFormatter(LogFormatter):
    """The audit log's line for a confirmed change of an evidence URL during an assessment window."""

    label = "ยืนยันเปลี่ยน URL ของหลักฐาน ITA ระหว่างช่วงการประเมิน"

    def format_message(self, log_entry):
        data = log_entry.data or {}
        action = ACTION_LABELS.get(data.get("change"), "เปลี่ยน URL ของหน้า")
        names = " และ ".join(framework.get("name", "") for framework in data.get("frameworks", []))
        codes = ", ".join(item.get("code", "") for item in data.get("items", []))
        return f"ผู้ดูแลระบบเว็บไซต์ยืนยัน{action}ที่เป็นหลักฐานของ {names} (ตัวชี้วัด {codes}) ระหว่างช่วงการประเมิน"


def register_log_actions(actions) -> None:
    actions.register_action(LOG_ACTION)(EvidenceUrlChangeFormatter)


# -- Hooks (registered in oversight/wagtail_hooks.py) --------------------------------------------------------------


def before_move_page(request, page, destination):
    """Moving to another parent changes the URL of the page and of its whole subtree (a reorder keeps the parent:
    nothing to guard). Runs on Wagtail's confirmation GET as well as on its POST."""
    if page.get_parent().pk == destination.pk:
        return None
    return guard(request, [page], MOVE, _explore_parent_url(page), extra={"destination_id": destination.pk})


def before_delete_page(request, page):
    """Deleting removes the URLs of the page and of its subtree. Runs on the confirmation GET and on the POST."""
    return guard(request, [page], DELETE, _explore_parent_url(page))


def before_unpublish_page(request, page):
    """Unpublishing removes the page's URL, and its descendants' when "include descendants" is ticked (otherwise
    Wagtail still serves the live children under an unpublished parent: their URLs stay)."""
    include_descendants = bool(request.POST.get("include_descendants"))
    return guard(request, [page], UNPUBLISH, _explore_parent_url(page), include_descendants=include_descendants)


def before_edit_page(request, page):
    """A POST of the page editor (save, submit, publish, a workflow action, autosave) with a slug other than the
    page's current one changes the URL of the page and of its subtree once that version is published: it is refused
    at saving, so that no such version waits in the workflow. On GET, a warning names the frameworks."""
    from django.urls import reverse

    current_slug = Page.objects.filter(pk=page.pk).values_list("slug", flat=True).first()
    if request.method == "GET":
        lock = evidence_links_in_window([page], timezone.localdate())
        if lock:
            messages.warning(
                request,
                f"หน้านี้หรือหน้าย่อยเป็นหลักฐานของ {frameworks_text(lock.frameworks)} "
                "ห้ามเปลี่ยน URL (slug) ระหว่างช่วงการประเมิน เพราะผู้ประเมินจะเปิดเฉพาะลิงก์เดิม",
            )
        return None
    new_slug = request.POST.get("slug")
    if request.method != "POST" or new_slug is None or new_slug == current_slug:
        return None
    return guard(
        request,
        [page],
        SLUG,
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        extra={"old_slug": current_slug, "new_slug": new_slug},
    )


def before_bulk_action(request, action_type, objects, action_class_instance):
    """Bulk move, unpublish and delete from the page listing: refused as one when any selected page is (or holds)
    evidence in a window, unless confirmed by someone who may confirm for every page selected."""
    action = BULK_ACTIONS.get(action_type)
    pages = [obj for obj in objects if isinstance(obj, Page)]
    if action is None or not pages:
        return None
    cleaned = getattr(action_class_instance.cleaned_form, "cleaned_data", None) or {}
    if action == MOVE:
        destination = cleaned.get("chooser")
        pages = [page for page in pages if destination is None or page.get_parent().pk != destination.pk]
    include_descendants = action != UNPUBLISH or bool(cleaned.get("include_descendants"))
    return guard(request, pages, action, action_class_instance.next_url, include_descendants=include_descendants)


def after_change(request, *args):
    """After-hook of every guarded view (move, delete, unpublish, edit, bulk): log the confirmed change."""
    log_pending(request)


def revision_changes_slug_in_window(page: Page, revision, on: datetime.date | None = None) -> list[ItaFramework]:
    """The frameworks whose evidence URL publishing ``revision`` would change (its slug differs from the page's
    current one during their window); empty when publishing it is harmless.

    For the paths no hook of Wagtail 7.4 reaches: the final approval of a workflow from the workflow action modal
    (``PublishingTask``, publishing/models.py) and scheduled publishing (``publish_scheduled``) publish a revision
    without ``before_edit_page``. ``before_edit_page`` already refuses saving a version with another slug during
    the window, so what remains is a version saved before the window opened: the workflow step asks through
    ``approval_url_changes`` and ``approval_url_change_confirmed``. Scheduled publishing is not guarded."""
    change = _revision_slug_change(page, revision, on or timezone.localdate())
    return change[0].frameworks if change else []


def _revision_slug_change(page: Page, revision, on: datetime.date):
    """``(lock, old_slug, new_slug)`` when publishing ``revision`` changes the slug of ``page``, live evidence (or
    holding some) of a framework whose window is open on ``on``; otherwise ``None``."""
    if not isinstance(page, Page) or revision is None:
        return None
    slug = (revision.content or {}).get("slug")
    current = Page.objects.filter(pk=page.pk).values_list("slug", flat=True).first()
    if slug is None or current is None or slug == current:
        return None
    lock = evidence_links_in_window([page], on)
    return (lock, current, slug) if lock else None


def approval_url_changes(page: Page, revision) -> list[str]:
    """Hook ``prongsai_approval_url_changes`` of ``PublishingTask`` (publishing/models.py): what approving
    ``revision`` would break, in Thai, one sentence for the URL and one per framework; empty when nothing."""
    change = _revision_slug_change(page, revision, timezone.localdate())
    if not change:
        return []
    lock, old_slug, new_slug = change
    sentences = [
        f"ฉบับที่จะเผยแพร่เปลี่ยน URL (slug) ของหน้าจาก “{old_slug}” เป็น “{new_slug}” "
        "ผู้ประเมินจะเปิดเฉพาะลิงก์เดิมที่หน่วยงานส่งไว้ (รวมถึงในขั้นตอนอุทธรณ์) หาก URL เปลี่ยนระหว่างช่วงการประเมิน "
        f"หลักฐานอาจถูกนับว่าไม่มี {ACTION_OUTCOMES[SLUG]}"
    ]
    for framework in lock.frameworks:
        codes = ", ".join(
            dict.fromkeys(link.item.code for link in lock.links if link.item.framework_id == framework.pk)
        )
        sentences.append(f"หน้านี้หรือหน้าย่อยเป็นหลักฐานของ {framework} ตัวชี้วัด {codes} (ช่วงการประเมิน {window_text(framework)})")
    return sentences


def approval_url_change_confirmed(page: Page, revision, user) -> None:
    """Hook ``prongsai_approval_url_change_confirmed`` of ``PublishingTask``: the administrator confirmed approving
    ``revision``, which changes the slug of evidence during a window. Written into the audit log (``LOG_ACTION``)
    before the approval publishes it, as a confirmed slug change in the page editor is."""
    change = _revision_slug_change(page, revision, timezone.localdate())
    if not change:
        return
    lock, old_slug, new_slug = change
    old_url_path = Page.objects.filter(pk=page.pk).values_list("url_path", flat=True).first()
    _log_confirmed(
        page,
        user,
        lock,
        SLUG,
        old_url_path,
        {"old_slug": old_slug, "new_slug": new_slug, "revision_id": revision.pk, "via": "workflow_approval"},
    )
