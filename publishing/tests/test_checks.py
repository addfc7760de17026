"""One list of checks (``publishing.checks``) drives the form, the review model, the audit log, the record and the
reports: every declared check reaches each of them, so adding a check is one edit and a migration."""

from django.db import models

from wagtail.models import TaskState

import pytest

from publishing.checks import CHECK_NAMES, CHECKS, checks_applying, checks_complete_q
from publishing.forms import ChecklistApproveForm
from publishing.models import ChecklistDecision, ChecklistReview

from .utils import manual_draft, submit, team_make

pytestmark = pytest.mark.django_db


def test_every_declared_check_is_a_model_field_and_a_form_field():
    form = ChecklistApproveForm()
    for check in CHECKS:
        field = ChecklistReview._meta.get_field(check.name)
        assert isinstance(field, models.BooleanField) and field.verbose_name == check.label
        assert form.fields[check.name].label == check.label
        assert form.fields[check.name].help_text == check.help_text
        assert form.fields[check.name].required == (not check.only_with_personal_data)
    # The checks come first in the form, in the declared order.
    assert list(form.fields)[: len(CHECKS)] == list(CHECK_NAMES)
    # No other boolean on the review: a check is declared, never added to the model alone.
    booleans = {f.name for f in ChecklistReview._meta.concrete_fields if isinstance(f, models.BooleanField)}
    assert booleans == set(CHECK_NAMES)


def test_the_declared_checks_are_the_announcements_and_the_personal_data_check():
    assert [(c.name, c.label) for c in checks_applying(personal_data_found=False)] == [
        ("accuracy", "ความถูกต้อง"),
        ("completeness", "ความครบถ้วน"),
        ("currency", "ความเป็นปัจจุบัน"),
        ("appropriateness", "ความเหมาะสม"),
    ]
    assert [c.name for c in checks_applying(personal_data_found=True)] == [*CHECK_NAMES]
    assert "personal_data" in CHECK_NAMES


def test_complete_means_every_applying_check_ticked(agency_site):
    editor = team_make(agency_site)["editor"]
    task_state = submit(manual_draft(agency_site, editor), editor)

    def review(**fields):
        state = TaskState.objects.get(pk=task_state.pk)
        state.pk = state.id = None
        state.save()
        return ChecklistReview(task_state=state, decision=ChecklistDecision.APPROVED, **fields)

    all_ticked = {check.name: True for check in CHECKS}
    always = {check.name: True for check in checks_applying(False)}
    cases = [
        (review(**always), True),
        (review(**always, personal_data_count=2), False),
        (review(**all_ticked, personal_data_count=2), True),
        (review(**{**always, CHECKS[0].name: False}), False),
    ]
    for instance, complete in cases:
        assert instance.all_checked is complete
        assert set(instance.checks_data) == set(CHECK_NAMES)
    # The reports' filter says the same as the model.
    ChecklistReview.objects.bulk_create([instance for instance, _ in cases])
    assert ChecklistReview.objects.filter(checks_complete_q()).count() == 2
