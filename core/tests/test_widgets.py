import json

from core.widgets import RichTextArea


def _contentstate(*texts):
    blocks = [
        {"key": f"k{i}", "type": "unstyled", "depth": 0, "text": text, "inlineStyleRanges": [], "entityRanges": []}
        for i, text in enumerate(texts)
    ]
    return json.dumps({"blocks": blocks, "entityMap": {}})


def test_an_empty_editor_posts_an_empty_value():
    widget = RichTextArea()
    assert widget.value_from_datadict({"remarks": _contentstate("")}, {}, "remarks") == ""
    assert widget.value_from_datadict({"remarks": _contentstate("", "")}, {}, "remarks") == ""


def test_text_is_kept():
    widget = RichTextArea()
    value = widget.value_from_datadict({"remarks": _contentstate("ข้อมูลตัวอย่าง")}, {}, "remarks")
    assert "ข้อมูลตัวอย่าง" in value and value.startswith("<p")
