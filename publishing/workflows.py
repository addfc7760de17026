"""The end of an agency's workflow, named in ``WAGTAIL_FINISH_WORKFLOW_ACTION``. Wagtail imports it while its own
models are being defined, so this module imports models only inside the function."""


def workflow_state_publish(workflow_state, user=None):
    """What the end of an agency's workflow publishes (``WAGTAIL_FINISH_WORKFLOW_ACTION``): the version the
    working group approved in this workflow run. Wagtail's default publishes the latest revision, which could be an
    edit saved after the check (by an administrator during the publishing step); such an edit stays a draft, to be
    submitted again. A workflow without the checklist publishes the latest revision, as Wagtail does."""
    from publishing.models import ChecklistDecision, ChecklistReview

    obj = workflow_state.content_object
    review = (
        ChecklistReview.objects.filter(
            task_state__workflow_state=workflow_state, decision=ChecklistDecision.APPROVED, revision__isnull=False
        )
        .select_related("revision")
        .order_by("-decided_at", "-pk")
        .first()
    )
    revision = review.revision if review is not None else obj.get_latest_revision()
    revision.publish(user=user)
