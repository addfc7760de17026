"""Thai page slugs, spelt right.

Django's ``slugify(allow_unicode=True)`` and ``validate_unicode_slug`` and Wagtail's slug field in the browser keep
only letters and digits (``\\w``, ``\\p{L}\\p{N}``). Thai vowels above and below the line and the tone marks are
combining marks (Unicode category M), so การขออนุญาตจัดงานเทศกาลประจำปี became ``การขออนญาตจดงานเทศกาลประจำป``
and a correctly spelt Thai slug typed by hand was refused.

Prongsai keeps the Thai intact (browsers show it, and percent-encode it on the wire): a citizen reads the address
of a page as its title, and no romanisation is one that every reader recognises. The same rule is applied on the
server (``thai_slugify``, ``validate_thai_slug``) and in the editor's browser (static/js/admin/thai-slug.js).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

MAX_LENGTH = 255

# Letters, marks (Thai vowels and tone marks), digits, "_" and "-": the characters a slug keeps.
_KEEP = {"L", "M", "N"}
_SPACES_OR_DASHES = re.compile(r"[-\s]+")


def _is_kept(char: str) -> bool:
    return char in "-_" or char.isspace() or unicodedata.category(char)[0] in _KEEP


def thai_slugify(value: str) -> str:
    """A page slug from a title: lower-cased, spaces to "-", only letters, marks, digits, "_" and "-" kept,
    at most 255 characters. ``thai_slugify("การขออนุญาต จัดงาน") == "การขออนุญาต-จัดงาน"``."""
    value = unicodedata.normalize("NFC", str(value)).lower()
    value = "".join(char for char in value if _is_kept(char))
    value = _SPACES_OR_DASHES.sub("-", value).strip("-_")
    return value[:MAX_LENGTH].rstrip("-")


def is_valid_slug(value: str) -> bool:
    return bool(value) and all(char in "-_" or unicodedata.category(char)[0] in _KEEP for char in value)


class ThaiSlugValidator(RegexValidator):
    """Accepts what ``thai_slugify`` produces (and what an editor types that way); refuses spaces, "/" and
    punctuation, in Thai."""

    message = "ส่วนท้ายของ URL (slug) ใช้ได้เฉพาะตัวอักษร สระ วรรณยุกต์ ตัวเลข ขีดกลาง (-) และขีดล่าง (_) ห้ามมีช่องว่าง"
    code = "invalid"

    def __init__(self):
        super().__init__(regex=r".*")

    def __call__(self, value):
        if not is_valid_slug(str(value)):
            raise ValidationError(self.message, code=self.code, params={"value": value})

    def __eq__(self, other):
        return isinstance(other, ThaiSlugValidator)


validate_thai_slug = ThaiSlugValidator()


def slug_is_misspelt(slug: str, title: str) -> bool:
    """Whether ``slug`` is what the old rules made of ``title`` (marks dropped) rather than its right spelling:
    the slug equals the title's letters and digits without their marks (with or without a "-2" style suffix)."""
    right = thai_slugify(title)
    if not right or slug == right or slug.startswith(right + "-"):
        return False
    # The browser dropped the marks; Django's slugify also decomposed ำ (NFKC) before dropping its ํ.
    variants = {
        "".join(char for char in form if unicodedata.category(char)[0] != "M")
        for form in (right, unicodedata.normalize("NFKC", right))
    } - {right}
    return any(slug == stripped or re.fullmatch(re.escape(stripped) + r"-\d+", slug) for stripped in variants)
