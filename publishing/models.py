from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from wagtail import hooks
from wagtail.models import AbstractGroupApprovalTask, GroupApprovalTask, Page, Revision, Site, TaskState

from core.models import InformationClass
from publishing.checks import CHECKS, checks_applying
from publishing.workflows import revision_to_publish

# Hooks through which other apps (oversight's evidence lock) judge a final approval without publishing importing them:
# each function of URL_CHANGES_HOOK takes ``(page, revision)`` and returns Thai sentences describing what publishing
# ``revision`` would break (empty when nothing); each of URL_CHANGE_CONFIRMED_HOOK takes ``(page, revision, user)``
# and records that ``user`` confirmed it, just before the approval publishes it.
URL_CHANGES_HOOK = "prongsai_approval_url_changes"
URL_CHANGE_CONFIRMED_HOOK = "prongsai_approval_url_change_confirmed"
APPROVE_URL_CHANGE = "approve_url_change"
APPROVE_URL_CHANGE_LABEL = "อนุมัติและยืนยันการเปลี่ยน URL ของหลักฐาน ITA"
CONFIRM_URL_CHANGE_FIELD = "confirm_evidence_url_change"


class AgencyRole(models.TextChoices):
    EDITORS = "editors", "ผู้จัดทำข้อมูล"
    WORKING_GROUP = "working_group", "คณะทำงานฯ"
    ADMINISTRATORS = "administrators", "ผู้ดูแลระบบเว็บไซต์"
    EXECUTIVES = "executives", "ผู้บริหาร"


class AgencyGroup(models.Model):
    """One of an agency's four groups (R3): which Django group plays which role for which site."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="agency_groups", verbose_name="เว็บไซต์")
    role = models.CharField("บทบาท", max_length=32, choices=AgencyRole.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="agency_role", verbose_name="กลุ่ม")

    class Meta:
        verbose_name = "กลุ่มผู้ใช้ของหน่วยงาน"
        verbose_name_plural = "กลุ่มผู้ใช้ของหน่วยงาน"
        constraints = [models.UniqueConstraint(fields=["site", "role"], name="unique_agency_role")]

    def __str__(self):
        return self.group.name


class ChecklistTask(AbstractGroupApprovalTask):
    """The working group's step (R3.1, R3.2): approving requires the checks of ``publishing.checks`` (the
    personal-data check when personal data was found) and confirms or corrects the information class; requesting
    changes requires a comment. Enforced in ``on_action`` as well as in the form,
    because Wagtail's page editor passes a workflow action's data straight to ``on_action``."""

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields

    class Meta:
        verbose_name = "การตรวจสอบของคณะทำงานฯ"
        verbose_name_plural = "การตรวจสอบของคณะทำงานฯ"

    @classmethod
    def get_description(cls):
        return (
            "คณะทำงานฯ ตรวจสอบความถูกต้อง ความครบถ้วน ความเป็นปัจจุบัน และความเหมาะสม ยืนยันหรือแก้ไขประเภทข้อมูล "
            "แล้วเสนอขออนุมัติเผยแพร่ข้อมูล"
        )

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [
                ("reject", "ส่งกลับให้แก้ไข", True),
                ("approve", "ตรวจสอบแล้ว เสนอขออนุมัติเผยแพร่ข้อมูล", True),
            ]
        return []

    def get_form_for_action(self, action):
        from publishing.forms import ChecklistApproveForm, ChecklistRejectForm

        return ChecklistApproveForm if action == "approve" else ChecklistRejectForm

    def get_template_for_action(self, action):
        return "publishing/checklist_action_modal.html"

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        from publishing.services import checklist_decide

        return checklist_decide(task_state, user, action_name, kwargs)


class PublishingTask(GroupApprovalTask):
    """The website administrators' step (R3.3): approving publishes, or schedules with a go-live time.

    It only ever starts on a version the working group checked. Wagtail restarts the step that sent a request back:
    after the administrators ask for changes, the editor's new version would come straight back to them, unchecked.
    Here that version goes to the working group's checklist first, then to the administrators (R3.2 before R3.3).
    A proxy of Wagtail's group approval task: same table, same screens."""

    class Meta:
        proxy = True
        verbose_name = "การอนุมัติเผยแพร่ของผู้ดูแลระบบเว็บไซต์"
        verbose_name_plural = "การอนุมัติเผยแพร่ของผู้ดูแลระบบเว็บไซต์"

    @classmethod
    def get_description(cls):
        return "ผู้ดูแลระบบเว็บไซต์อนุมัติเผยแพร่ข้อมูลที่คณะทำงานฯ ตรวจสอบแล้ว เมื่ออนุมัติ ระบบจะเผยแพร่หรือตั้งเวลาเผยแพร่"

    def start(self, workflow_state, user=None):
        latest = workflow_state.content_object.get_latest_revision()
        checked = ChecklistReview.objects.filter(
            task_state__workflow_state=workflow_state, decision=ChecklistDecision.APPROVED, revision=latest
        ).exists()
        checklist = (
            ChecklistTask.objects.filter(workflow_tasks__workflow=workflow_state.workflow, active=True)
            .order_by("workflow_tasks__sort_order")
            .first()
        )
        if not checked and checklist is not None:
            return checklist.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)

    def get_actions(self, obj, user):
        """Wagtail's actions, except when approving would publish a URL change the hooks of ``URL_CHANGES_HOOK``
        report (an ITA evidence page's new slug during an assessment window, from a draft saved before it opened):
        then "approve" gives way to ``APPROVE_URL_CHANGE``, which asks for an explicit confirmation and is offered
        only to superusers and the website administrators of the agency whose tree holds the page. A POST of plain
        "approve" is then refused by Wagtail's views (403)."""
        actions = super().get_actions(obj, user)
        if not actions or not approval_url_changes(obj):
            return actions
        actions = [action for action in actions if action[0] != "approve"]
        if user_administers(user, obj):
            actions.append((APPROVE_URL_CHANGE, APPROVE_URL_CHANGE_LABEL, True))
        return actions

    def get_form_for_action(self, action):
        if action == APPROVE_URL_CHANGE:
            from publishing.forms import ApproveUrlChangeForm

            return ApproveUrlChangeForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action == APPROVE_URL_CHANGE:
            return "publishing/approve_url_change_modal.html"
        return super().get_template_for_action(action)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        """Approve as Wagtail does, unless the approval would publish a URL change the hooks report: then only
        ``APPROVE_URL_CHANGE`` with the confirmation, by someone offered it, approves, after the hooks of
        ``URL_CHANGE_CONFIRMED_HOOK`` recorded the confirmation. Enforced here as well as in the views, because
        Wagtail's page editor passes a workflow action's data straight to ``on_action``."""
        if action_name not in ("approve", APPROVE_URL_CHANGE):
            return super().on_action(task_state, user, action_name, **kwargs)
        obj = task_state.workflow_state.content_object
        if action_name == "approve" and not approval_url_changes(obj):
            return super().on_action(task_state, user, action_name, **kwargs)
        if action_name == "approve" or user is None:
            raise PermissionDenied("การอนุมัตินี้จะเปลี่ยน URL ของหลักฐาน ITA ระหว่างช่วงการประเมิน ต้องยืนยันการเปลี่ยน URL")
        if action_name not in {name for name, _label, _modal in self.get_actions(obj, user)}:
            raise PermissionDenied("ท่านไม่มีสิทธิ์ยืนยันการเปลี่ยน URL ของหลักฐาน ITA ของหน่วยงานนี้")
        if not kwargs.get(CONFIRM_URL_CHANGE_FIELD):
            raise PermissionDenied("กรุณายืนยันการเปลี่ยน URL ของหลักฐาน ITA ก่อนอนุมัติ")
        revision = revision_to_publish(task_state.workflow_state)
        for hook in hooks.get_hooks(URL_CHANGE_CONFIRMED_HOOK):
            hook(obj, revision, user)
        return super().on_action(task_state, user, "approve", comment=kwargs.get("comment", ""))


def approval_url_changes(obj, revision=None) -> list[str]:
    """What the hooks of ``URL_CHANGES_HOOK`` say publishing ``revision`` of the page ``obj`` would break (Thai
    sentences; empty when nothing). ``revision`` defaults to the one the end of ``obj``'s workflow in progress
    would publish, or its latest. Snippets have no URL: nothing."""
    if not isinstance(obj, Page):
        return []
    if revision is None:
        workflow_state = obj.current_workflow_state
        revision = revision_to_publish(workflow_state) if workflow_state else obj.get_latest_revision()
    if revision is None:
        return []
    return [sentence for hook in hooks.get_hooks(URL_CHANGES_HOOK) for sentence in hook(obj, revision) or []]


def user_administers(user, page) -> bool:
    """A superuser, or a website administrator of the agency whose tree holds ``page``."""
    from publishing.selectors import agency_sites_for_user

    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(
        page.path.startswith(site.root_page.path)
        for site in agency_sites_for_user(user, roles=(AgencyRole.ADMINISTRATORS,))
    )


class ChecklistDecision(models.TextChoices):
    APPROVED = "approved", "ตรวจสอบแล้ว เสนอขออนุมัติเผยแพร่"
    REJECTED = "rejected", "ส่งกลับให้แก้ไข"


class ChecklistReview(models.Model):
    """One decision of the working group on one task state: the checks of ``publishing.checks`` (the four of R3.2
    and the personal-data check), the personal data found in what was reviewed (masked), the information class
    before and after (R3.1), the comment, who and when. The evidence the request-to-publish record and the reports
    show.

    What was reviewed is a page (``page`` is set, so reports can filter by the agency's tree) or an agency's
    snippet under the same workflow (a person, a unit, the agency's contact details): ``base_content_type`` and
    ``object_id`` name it either way, as Wagtail's own ``WorkflowState`` does."""

    task_state = models.OneToOneField(
        TaskState, on_delete=models.CASCADE, related_name="checklist_review", verbose_name="ขั้นตอนการตรวจสอบ"
    )
    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, null=True, blank=True, related_name="checklist_reviews", verbose_name="หน้า"
    )
    base_content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, related_name="+", verbose_name="ชนิดข้อมูล"
    )
    object_id = models.CharField("รหัสข้อมูล", max_length=255, blank=True)
    content_object = GenericForeignKey("base_content_type", "object_id", for_concrete_model=False)
    revision = models.ForeignKey(
        Revision, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="ฉบับที่ตรวจสอบ"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="ผู้ตรวจสอบ"
    )
    decision = models.CharField("ผลการตรวจสอบ", max_length=16, choices=ChecklistDecision.choices)
    # One boolean per declared check (accuracy, completeness, currency, appropriateness, personal_data, ...): the
    # class body's namespace is a real dict, so the fields are generated from the one list.
    locals().update({check.name: models.BooleanField(check.label, default=False) for check in CHECKS})
    personal_data_count = models.PositiveIntegerField("จำนวนข้อมูลส่วนบุคคลที่พบ", default=0)
    personal_data_findings = models.JSONField(
        "ข้อมูลส่วนบุคคลที่พบ (ปกปิดบางส่วน)",
        default=list,
        blank=True,
        help_text="ชนิด ที่พบ และค่าที่ปกปิดบางส่วนแล้ว ไม่เก็บค่าเต็ม",
    )
    personal_data_partly_scanned = models.JSONField("แหล่งที่ตรวจได้เพียงบางส่วน", default=list, blank=True)
    class_before = models.CharField("ประเภทข้อมูลที่เสนอ", max_length=20, blank=True, choices=InformationClass.choices)
    class_after = models.CharField(
        "ประเภทข้อมูลที่คณะทำงานฯ กำหนด", max_length=20, blank=True, choices=InformationClass.choices
    )
    comment = models.TextField("ความเห็น", blank=True)
    decided_at = models.DateTimeField("วันเวลาที่ตรวจสอบ", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "ผลการตรวจสอบของคณะทำงานฯ"
        verbose_name_plural = "ผลการตรวจสอบของคณะทำงานฯ"
        ordering = ["-decided_at"]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.page or self.object_id}"

    @property
    def checks_applying(self):
        return checks_applying(self.personal_data_count > 0)

    @property
    def all_checked(self) -> bool:
        """Every check that applies to what was reviewed is ticked."""
        return all(getattr(self, check.name) for check in self.checks_applying)

    @property
    def checks_data(self) -> dict[str, bool]:
        """Each declared check and whether it was ticked: the audit log's ``checks``."""
        return {check.name: getattr(self, check.name) for check in CHECKS}

    @property
    def class_changed(self) -> bool:
        return bool(self.class_after) and self.class_after != self.class_before


class StaffProfile(models.Model):
    """What the request-to-publish record needs of a person beyond Wagtail's user: their position (ตำแหน่ง), for
    the signature blocks. Edited by the user in their account settings and by administrators on the user form."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile", verbose_name="ผู้ใช้"
    )
    position = models.CharField(
        "ตำแหน่ง", max_length=255, blank=True, help_text="ตำแหน่งตามที่ลงนามในเอกสารราชการ เช่น นักวิชาการคอมพิวเตอร์ชำนาญการ"
    )

    class Meta:
        verbose_name = "ข้อมูลตำแหน่งของผู้ใช้"
        verbose_name_plural = "ข้อมูลตำแหน่งของผู้ใช้"

    def __str__(self):
        return self.position


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "ใกล้ถึงกำหนดทบทวน"
    OVERDUE = "overdue", "เลยกำหนดทบทวน"


class ReviewReminder(models.Model):
    """A review reminder sent once for a page's review date (R2.3): the scheduler never sends the same one twice."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="review_reminders", verbose_name="หน้า")
    review_date = models.DateField("วันที่ต้องทบทวน")
    kind = models.CharField("ประเภทการแจ้งเตือน", max_length=16, choices=ReminderKind.choices)
    recipients = models.TextField("ผู้รับ", blank=True)
    sent_at = models.DateTimeField("ส่งเมื่อ", default=timezone.now)

    class Meta:
        verbose_name = "การแจ้งเตือนให้ทบทวนข้อมูล"
        verbose_name_plural = "การแจ้งเตือนให้ทบทวนข้อมูล"
        constraints = [models.UniqueConstraint(fields=["page", "review_date", "kind"], name="unique_review_reminder")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.page} ({self.review_date})"


class SchedulerLock(models.Model):
    """A lease that lets one scheduler run at a time, on SQLite and PostgreSQL alike: taken by a conditional
    UPDATE (atomic on every database), renewed between jobs, and given up when the run ends or the lease lapses."""

    name = models.CharField(max_length=64, primary_key=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    owner = models.CharField(max_length=64, blank=True)
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "การล็อกตัวจัดตารางงาน"
        verbose_name_plural = "การล็อกตัวจัดตารางงาน"

    def __str__(self):
        return self.name
