"""Helpers for the browser tests (Debian's Chromium through Playwright)."""

from playwright.sync_api import expect


def rich_text_type(page, text: str, nth: int = 0) -> None:
    """Type into the ``nth`` Draftail rich-text field of an admin form and wait until the editor holds the text:
    a click right after the page loads can land before Draftail has mounted, and the keys would go nowhere."""
    editor = page.locator("[data-field-wrapper] .DraftEditor-root [contenteditable=true]").nth(nth)
    expect(editor).to_be_editable()
    editor.click()
    editor.press_sequentially(text)
    expect(editor).to_contain_text(text)
