import pytest

from search import segmentation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ประกาศจังหวัดเพชรบุรีเรื่องแนวทาง", ["ประกาศ", "จังหวัด", "เพชรบุรี", "เรื่อง", "แนวทาง"]),
        ("แบบ สขร.1 ปี 2561", ["แบบ", "สขร.1", "ปี", "2561"]),
        ("บริการ e-Service ของ อบต.", ["บริการ", "e-Service", "ของ", "อบต."]),
        ("ตาม พ.ร.บ. ข้อมูลข่าวสาร", ["ตาม", "พ.ร.บ.", "ข้อมูลข่าวสาร"]),
        ("ปีงบประมาณ ๒๕๖๑", ["ปีงบประมาณ", "2561"]),
        ("ประกาศ,คำสั่ง(2561)", ["ประกาศ", "คำสั่ง", "2561"]),
        ("ประกาศ.", ["ประกาศ"]),
    ],
)
def test_words_keep_latin_words_numbers_and_abbreviations(text, expected):
    assert segmentation.words(text) == expected


def test_control_characters_and_syntax_characters_are_not_words():
    assert segmentation.words('\x00\x07"*()-:^ \u200b') == []
    assert segmentation.query_words('"น้ำท่วม" OR *', 100, 12) == ["น้ำท่วม", "OR"]


def test_index_text_adds_the_parts_of_long_compounds_only():
    indexed = segmentation.index_text("รณรงค์ป้องกันโรคไข้เลือดออก จังหวัดเพชรบุรี").split()
    assert {"ไข้เลือดออก", "ไข้", "เลือด", "ออก", "เพชรบุรี", "เพชร", "บุรี"} <= set(indexed)
    # A short compound is not split: จังหวัด must not be found by หวัด ("a cold").
    assert "หวัด" not in indexed


def test_query_words_are_capped():
    assert len(segmentation.query_words("ประกาศ " * 100, 100, 12)) <= 12
    assert segmentation.query_words("ก" * 10_000, 100, 12) != []


def test_a_long_unspaced_thai_text_is_segmented_in_bounded_pieces(segmenter_calls):
    """The segmenter's work grows with what it is given: an index text is cut at INDEX_MAX_CHARS, a query at its
    cap, and the "safe" engine bounds the work on long ambiguous runs."""
    seen = segmenter_calls
    segmentation.index_text("ประกาศจังหวัดเพชรบุรีเรื่องแนวทาง" * 10_000)
    assert sum(length for length, _ in seen) <= segmentation.INDEX_MAX_CHARS
    seen.clear()
    segmentation.query_words("ก" * 10_000 + "ประกาศ" * 2_000, 100, 12)
    assert sum(length for length, _ in seen) <= 100
    assert {engine for _, engine in seen} == {"newmm-safe"}
