import re

from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea

# What Draftail sends for an editor that holds nothing: one or more empty paragraphs.
EMPTY_RICH_TEXT = re.compile(r'(\s*<p(\s+data-block-key="[^"]*")?>\s*(<br/?>)?\s*</p>\s*)+')


class RichTextArea(DraftailRichTextArea):
    """Wagtail's Draftail editor, except that an editor left empty means an empty field.

    Draftail can post an empty paragraph for a field nobody touched; Wagtail then sees a change, saves a new
    revision, and a page being approved goes back to the working group (WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT).
    """

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        if value and EMPTY_RICH_TEXT.fullmatch(value):
            return ""
        return value
