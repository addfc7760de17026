"""The Thai relevance set: queries a citizen types, each with the page or document that must be among the first five
results on the demo content. recall@5 must stay at 0.9 or above on SQLite and on PostgreSQL; the figure is printed
at the end of the run. Add a query whenever a citizen could not find something they should have."""

from django.db import connection

import pytest

from search.selectors import hits_describe, site_search, suggestions, vocabulary_reset

PAGE, DOCUMENT, SUGGEST = "page", "document", "suggest"
MIN_RECALL = 0.9
RESULTS = {}

# (query, what is searched, expected page slug or document title, why it is in the set)
CASES = [
    # whole words
    ("ข้อมูลข่าวสารของราชการ", PAGE, "official-information-act-2540", "word"),
    ("น้ำท่วม", PAGE, "flash-flood-warning", "word"),
    ("ไข้เลือดออก", PAGE, "dengue-campaign", "word"),
    ("เลขที่บ้าน", PAGE, "house-number-request", "word"),
    ("ทะเบียนพาณิชย์", PAGE, "commercial-registration", "word"),
    ("ยูเนสโก", PAGE, "creative-city-of-gastronomy", "word"),
    ("พนักงานราชการ", PAGE, "government-employee-recruitment", "word"),
    ("แผนพัฒนาจังหวัด", PAGE, "provincial-development-plan-2566-2570", "word"),
    ("คุ้มครองข้อมูลส่วนบุคคล", PAGE, "privacy-policy", "word"),
    ("ห้องประชุม", PAGE, "oia-9-8-invitation-meeting-room", "word"),
    ("ผู้ชนะการเสนอราคา", PAGE, "oia-9-8-winner-meeting-room", "word"),
    ("หัวหน้าส่วนราชการ", PAGE, "unit-heads", "word"),
    ("ค่าธรรมเนียม", PAGE, "commercial-registration", "word in a structured field (fees)"),
    ("คณะผู้บริหาร", PAGE, "executives", "word"),
    ("พระราชกฤษฎีกา", PAGE, "good-governance-decree-2546", "word"),
    ("นโยบายเว็บไซต์", PAGE, "website-policy", "word"),
    ("ศูนย์ดำรงธรรม", PAGE, "complaints", "word: the complaints centre"),
    ("ระเบียบกระทรวงการคลัง", PAGE, "mof-procurement-regulation-2560", "a regulation's title"),
    ("โครงสร้างการบริหารงาน", PAGE, "structure", "word"),
    ("ราคากลาง", PAGE, "oia-9-8-invitation-meeting-room", "word in a procurement notice"),
    ("รายงานผลการดำเนินงานตามแผนพัฒนาจังหวัด 2568", PAGE, "report-pdp-2568-year", "one year of a series"),
    # words inside longer unspaced compounds
    ("ดำรงธรรม", PAGE, "complaints", "inside ศูนย์ดำรงธรรมจังหวัดเพชรบุรี"),
    ("พาณิชย์", PAGE, "commercial-registration", "inside ทะเบียนพาณิชย์"),
    ("เลือดออก", PAGE, "dengue-campaign", "inside ไข้เลือดออก"),
    ("ฉับพลัน", PAGE, "flash-flood-warning", "inside น้ำท่วมฉับพลัน"),
    ("เมืองสร้างสรรค์", PAGE, "creative-city-of-gastronomy", "inside เพชรบุรีเมืองสร้างสรรค์ด้านอาหาร"),
    ("พระนครคีรี", PAGE, "phra-nakhon-khiri-fair", "inside งานพระนครคีรี-เมืองเพชร"),
    ("แก่งกระจาน", PAGE, "mobile-province-kaeng-krachan", "inside อำเภอแก่งกระจาน"),
    ("บูรณาการ", PAGE, "oia-9-7-integrated-committee-1-2569", "inside จังหวัดแบบบูรณาการ"),
    ("จัดซื้อจัดจ้าง", PAGE, "public-procurement-act-2560", "inside การจัดซื้อจัดจ้างและการบริหารพัสดุ"),
    ("คุณธรรมและความโปร่งใส", PAGE, "ita-results", "inside การประเมินคุณธรรมและความโปร่งใส"),
    ("อำนวยความสะดวก", PAGE, "licensing-facilitation-act-2558", "inside การอำนวยความสะดวกในการพิจารณา"),
    ("บ้านเมืองที่ดี", PAGE, "good-governance-decree-2546", "inside การบริหารกิจการบ้านเมืองที่ดี"),
    ("ศูนย์ข้อมูลข่าวสาร", PAGE, "oia-7-3-contact", "inside ศูนย์ข้อมูลข่าวสารจังหวัดเพชรบุรี"),
    ("ร้องทุกข์", PAGE, "oia-9-4-complaint-manual", "inside เรื่องร้องเรียนร้องทุกข์"),
    # mixed Thai, English and numbers
    ("สขร.1", DOCUMENT, "แบบ สขร.1 เดือนกุมภาพันธ์ 2568", "abbreviation with a number"),
    ("ITA", PAGE, "ita-results", "Latin"),
    ("e-bidding", PAGE, "oia-9-8-invitation-meeting-room", "Latin with a hyphen"),
    ("แผนปฏิบัติราชการ 2567", PAGE, "action-plan-2567", "Thai and a year"),
    ("ไตรมาสที่ 3 ปีงบประมาณ 2569", PAGE, "report-action-2569-quarter3", "Thai and numbers"),
    ("ท.ร.31", DOCUMENT, "แบบคำร้องขอเลขที่บ้าน (ท.ร.31)", "form number"),
    ("ก.บ.จ.", PAGE, "oia-9-7-integrated-committee-1-2569", "abbreviation"),
    ("จัดซื้อจัดจ้าง ตุลาคม 2567", PAGE, "procurement-summary-2024-10", "month and year"),
    ("ข้อมูลข่าวสาร ๒๕๔๐", PAGE, "official-information-act-2540", "Thai digits"),
    ("City of Gastronomy", PAGE, "creative-city-of-gastronomy", "English in a Thai body"),
    # documents
    ("แบบฟอร์มคำร้องเรียน", DOCUMENT, "แบบฟอร์มคำร้องเรียน/ร้องทุกข์", "document title"),
    ("แผนภูมิโครงสร้าง", DOCUMENT, "แผนภูมิโครงสร้างการบริหารงานจังหวัดเพชรบุรี", "document title"),
    ("ตัวอย่างการกรอก", DOCUMENT, "ตัวอย่างการกรอกแบบคำขอจดทะเบียนพาณิชย์", "document title"),
    ("สถิติการให้บริการ", DOCUMENT, "สถิติการให้บริการศูนย์ดำรงธรรมจังหวัดเพชรบุรี ประจำปีงบประมาณ พ.ศ. 2568", "doc"),
    # typos
    ("เพชรบรี น้ำท่วม", PAGE, "flash-flood-warning", "typo: missing vowel"),
    ("ไข้เลือดอออก", PAGE, "dengue-campaign", "typo: doubled letter"),
    ("ทะเบียนพานิชย์", PAGE, "commercial-registration", "typo: common misspelling"),
    ("ยูเนสโค", PAGE, "creative-city-of-gastronomy", "typo: wrong letter"),
    # autocomplete on partial words
    ("สาธาร", SUGGEST, "announcement-website-disclosure-2561", "partial: สาธารณะ"),
    ("ทะเบียนพา", SUGGEST, "commercial-registration", "partial: พาณิชย์"),
    ("ไข้เลือ", SUGGEST, "dengue-campaign", "partial: เลือดออก"),
    ("ประชาสัม", SUGGEST, "news", "partial: ประชาสัมพันธ์"),
    ("พระนครคี", SUGGEST, "phra-nakhon-khiri-fair", "partial: คีรี"),
    ("อิเล็กทรอนิ", SUGGEST, "oia-9-8-invitation-meeting-room", "partial: อิเล็กทรอนิกส์"),
    ("ยุทธศา", SUGGEST, "plans", "partial: ยุทธศาสตร์"),
]


def _found(site, query, what, expected) -> bool:
    if what == SUGGEST:
        return any(url.rstrip("/").endswith("/" + expected) for _, url in suggestions(site, query, limit=5))
    outcome = site_search(site, query)
    top = hits_describe(outcome.hits[:5], outcome.terms)
    if what == DOCUMENT:
        return any(hit.is_document and hit.title == expected for hit in top)
    return any(not hit.is_document and hit.obj.slug == expected for hit in top)


def test_relevance_set_is_large_enough():
    assert len(CASES) >= 40
    assert {what for _, what, _, _ in CASES} == {PAGE, DOCUMENT, SUGGEST}


def test_recall_at_5(demo_site, db):
    vocabulary_reset()
    misses = [(query, expected) for query, what, expected, _ in CASES if not _found(demo_site, query, what, expected)]
    recall = 1 - len(misses) / len(CASES)
    RESULTS[connection.vendor] = (recall, len(CASES) - len(misses), len(CASES), misses)
    assert recall >= MIN_RECALL, f"recall@5 {recall:.3f}; missed: {misses}"


@pytest.mark.parametrize(
    ("query", "expected"),
    [("เพชรบรี", "เพชรบุรี"), ("ทะเบียนพานิชย์", "ทะเบียน พาณิชย์"), ("ค่าธรรมเนียม", "")],
)
def test_spelling_suggestion_uses_the_sites_words(demo_site, db, query, expected):
    from search.selectors import spelling_suggestion

    vocabulary_reset()
    assert spelling_suggestion(query) == expected
