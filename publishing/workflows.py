"""The end of an agency's workflow, named in ``WAGTAIL_FINISH_WORKFLOW_ACTION``. Wagtail imports it while its own
models are being defined, so this module imports models only inside its functions."""


def workflow_state_publish(workflow_state, user=None):
    """What the end of an agency's workflow publishes (``WAGTAIL_FINISH_WORKFLOW_ACTION``): the version the
    working group approved in this workflow run. Wagtail's default publishes the latest revision, which could be an
    edit saved after the check (by an administrator during the publishing step); such an edit stays a draft, to be
    submitted again. A workflow without the checklist publishes the latest revision, as Wagtail does."""
    revision_to_publish(workflow_state).publish(user=user)


def revision_to_publish(workflow_state):
    """The revision ``workflow_state_publish`` publishes when ``workflow_state`` ends: the one the working group
    approved last in this run, or the latest revision in a workflow without the checklist."""
    from publishing.models import ChecklistDecision, ChecklistReview

    review = (
        ChecklistReview.objects.filter(
            task_state__workflow_state=workflow_state, decision=ChecklistDecision.APPROVED, revision__isnull=False
        )
        .select_related("revision")
        .order_by("-decided_at", "-pk")
        .first()
    )
    return review.revision if review is not None else workflow_state.content_object.get_latest_revision()
