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


def fill_settled(page, selector: str, value: str, attempts: int = 10) -> None:
    """Fill a field and make sure it keeps the value: on a busy machine an admin widget (an inline form just added,
    a field being set up by Wagtail's scripts) can still re-render after the first fill and drop what was typed."""
    for _ in range(attempts):
        page.fill(selector, value)
        page.wait_for_timeout(200)
        if page.locator(selector).input_value() == value:
            return
    raise AssertionError(f"{selector} did not keep {value!r}")


def select_settled(page, selector: str, value: str, attempts: int = 10) -> None:
    """``fill_settled`` for a select."""
    for _ in range(attempts):
        page.select_option(selector, value)
        page.wait_for_timeout(200)
        if page.locator(selector).input_value() == value:
            return
    raise AssertionError(f"{selector} did not keep {value!r}")
