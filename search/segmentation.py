"""Thai word segmentation for the search index and for queries.

Thai is written without spaces between words, and both SQLite FTS5 and PostgreSQL take an unspaced run as one
token. Everything indexed and every query goes through PyThaiNLP's dictionary segmenter (``newmm-safe``: the
dictionary ships in the wheel, and the "safe" variant bounds the work on long ambiguous runs), so that the
database sees words separated by spaces.

- Latin words, numbers and Thai abbreviations stay whole: ``e-Service``, ``2561``, ``สขร.1``, ``พ.ร.บ.``.
- Thai digits become Arabic digits on both sides, so ``๒๕๖๑`` finds ``2561``.
- The index also gets the parts of long dictionary compounds (``ไข้เลือดออก`` -> ``ไข้ เลือด ออก``), so a word
  inside a longer compound is found.

Never split Thai with ``\\w``/``\\W``: Python counts the combining vowels and tone marks as non-word characters.
"""

import os
import re
import unicodedata
from functools import cache

# No downloads and no writes to the home folder at run time: everything used here ships in the wheel.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

ENGINE = "newmm-safe"
# Work is bounded: the longest text segmented for one field of the index (a long PDF's extracted text is cut).
INDEX_MAX_CHARS = 200_000
# A compound is split into dictionary parts when it is at least this long, and its parts at least this long.
# Shorter compounds (จังหวัด, ข้อมูล) would give misleading parts (หวัด "a cold", มูล).
COMPOUND_MIN_CHARS = 8
PART_MIN_CHARS = 2

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Thai abbreviations with their dots, optionally followed by a number: สขร.1, พ.ศ., พ.ร.บ., อบต., ม.44.
# Only at the start of a word: "ประกาศ." is a word followed by a full stop.
ABBREVIATION = re.compile(r"(?<![\u0e00-\u0e7f])(?:[ก-ฮ]{1,4}\.)+(?:\d+(?:[./-]\d+)*)?")
# Control, format (zero-width, bidi) and space characters: all become a plain space.
CONTROL_OR_SPACE = re.compile(
    "[\x00-\x1f\x7f-\xa0\xad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\ufff9-\ufffb]"
)
THAI_CHAR = re.compile(r"[\u0e00-\u0e7f]")
THAI_OR_OTHER_RUN = re.compile(r"[\u0e00-\u0e7f]+|[^\u0e00-\u0e7f]+")
# Characters that carry meaning in a token; anything else at a token's edges (brackets, quotes, commas) goes.
EDGE_PUNCTUATION = "\"'“”‘’()[]{}<>«»,;:!?*^~`|\\/=+&%$#@.-_…"
# Leading vowels and following vowels/marks: a compound is never split next to them.
LEADING_VOWELS = set("เแโใไ")
FOLLOWING = set("ะัาำิีึืฺุู็่้๊๋์ํ๎ๅ")


@cache
def _dictionary() -> frozenset:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def normalise(text: str) -> str:
    """NFC, Thai digits as Arabic digits, control characters as spaces, Thai vowel/tone order fixed.

    (NFKC would turn ``ำ`` into ``ํา`` and break dictionary look-ups: only NFC here.)"""
    from pythainlp.util import normalize as thai_normalize

    text = unicodedata.normalize("NFC", text).translate(THAI_DIGITS)
    text = CONTROL_OR_SPACE.sub(" ", text)
    return thai_normalize(text)


def _clean_token(token: str) -> str:
    token = token.strip().strip(EDGE_PUNCTUATION)
    # Keep the abbreviation's final dot: "พ.ร.บ." reads better than "พ.ร.บ" and the databases ignore it anyway.
    return token


def _has_content(token: str) -> bool:
    return any(unicodedata.category(char)[0] in "LN" or THAI_CHAR.match(char) for char in token)


def is_thai_letter(word: str) -> bool:
    return len(word) == 1 and bool(THAI_CHAR.match(word))


def is_dictionary_word(word: str) -> bool:
    return word in _dictionary()


def words(text: str, max_chars: int | None = None) -> list[str]:
    """The words of ``text`` in order: Thai segmented, Latin words, numbers and abbreviations whole."""
    from pythainlp.tokenize import word_tokenize

    if not text:
        return []
    if max_chars is not None:
        text = text[:max_chars]
    result = []
    for chunk in normalise(text).split():
        if not THAI_CHAR.search(chunk):
            token = _clean_token(chunk)
            if token and _has_content(token):
                result.append(token)
            continue
        position = 0
        pieces = []
        for match in ABBREVIATION.finditer(chunk):
            pieces.append((chunk[position : match.start()], False))
            pieces.append((match.group(), True))
            position = match.end()
        pieces.append((chunk[position:], False))
        for piece, whole in pieces:
            if whole:
                result.append(piece)
                continue
            # Thai runs go to the segmenter; what lies between them (numbers, Latin words, brackets) is cleaned.
            for run in THAI_OR_OTHER_RUN.findall(piece):
                tokens = word_tokenize(run, engine=ENGINE, keep_whitespace=False) if THAI_CHAR.match(run) else [run]
                for token in tokens:
                    token = _clean_token(token)
                    if token and _has_content(token):
                        result.append(token)
    return result


def compound_parts(word: str) -> list[str]:
    """The dictionary words a long compound is made of, when it is made of dictionary words only
    (``ไข้เลือดออก`` -> ``ไข้``, ``เลือดออก``... ``เพชรบุรี`` -> ``เพชร``, ``บุรี``); empty otherwise."""
    if len(word) < COMPOUND_MIN_CHARS or not THAI_CHAR.match(word):
        return []
    parts = _cover(word, _dictionary(), whole_allowed=False)
    return parts or []


def _cover(word: str, dictionary, whole_allowed: bool = True) -> list[str] | None:
    """The longest-first cover of ``word`` by dictionary words (each at least PART_MIN_CHARS), or None."""
    if whole_allowed and word in dictionary:
        return [word]
    for cut in range(len(word) - PART_MIN_CHARS, PART_MIN_CHARS - 1, -1):
        head, tail = word[:cut], word[cut:]
        if tail[0] in FOLLOWING or head[-1] in LEADING_VOWELS or head not in dictionary:
            continue
        rest = _cover(tail, dictionary)
        if rest is not None:
            return [head, *rest]
    return None


def index_text(text: str) -> str:
    """What the search index stores for ``text``: its words separated by spaces, each long compound followed by
    its parts."""
    result = []
    for word in words(text, max_chars=INDEX_MAX_CHARS):
        result.append(word)
        result.extend(compound_parts(word))
    return " ".join(result)


def query_words(query: str, max_chars: int, max_words: int) -> list[str]:
    """The words of a visitor's query, without characters that mean something to FTS5 or tsquery syntax."""
    found = []
    for word in words(query, max_chars=max_chars):
        word = word.replace('"', "").replace("'", "").replace("\\", "")
        if word and _has_content(word) and word.lower() not in (w.lower() for w in found):
            found.append(word)
        if len(found) >= max_words:
            break
    return found
