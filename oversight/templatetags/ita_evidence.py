from django import template

from documents.models import LibraryDocument

register = template.Library()


@register.filter
def evidence_problems(row, evidence) -> list[str]:
    """What the assessor would refuse in this page or document of an ``EvidenceRow`` (wrong year, missing fields)."""
    kind = "document" if isinstance(evidence, LibraryDocument) else "page"
    return row.problems_of(kind, evidence.pk)
