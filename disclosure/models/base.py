"""What every disclosure page type of this app shares: its admin tabs."""

from core.models import DisclosurePage, PublishedDocumentsMixin
from core.panels import classified_edit_handler


def disclosure_edit_handler(content_panels, base_form_class=None):
    """The editor's tabs: the content, then classification/review/documents (R3.1), promote and settings."""
    return classified_edit_handler(content_panels, DisclosurePage.metadata_panels, base_form_class=base_form_class)


# Migration 0002 names the context mixin by its old place and name; the mixin itself is core's.
DisclosureContextMixin = PublishedDocumentsMixin
