"""Template tags of the procedure's admin screens."""

from django import template

from publishing.checks import CHECKS

register = template.Library()


@register.simple_tag
def personal_data_for(task_state):
    """The personal data found in the revision ``task_state`` reviews (masked), for the working group's modal."""
    from publishing.personal_data import personal_data_of_task_state

    return personal_data_of_task_state(task_state)


@register.simple_tag
def checks_only_with_personal_data():
    """Names of the checks shown only when personal data was found."""
    return [check.name for check in CHECKS if check.only_with_personal_data]


@register.filter
def personal_data_kind(kind):
    """The Thai name of a kind of personal data (``national_id``, ``mobile``, ``email``)."""
    from publishing.personal_data import KIND_LABELS

    return KIND_LABELS.get(kind, kind)


@register.simple_tag
def approval_url_changes_for(obj):
    """What approving ``obj`` in the administrators' step would break (``publishing.models.approval_url_changes``),
    for the modal of ``approve_url_change``."""
    from publishing.models import approval_url_changes

    return approval_url_changes(obj)
