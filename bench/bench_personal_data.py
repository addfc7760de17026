"""The personal-data scan: milliseconds for a 5 MB text (Thai prose with numbers, some personal data, and the
worst cases for the regular expressions: long digit runs and long runs of e-mail characters without an "@"),
scanned whole and as the guard scans it (cut at ``MAX_SCAN_CHARS``).

    .venv/bin/python bench/bench_personal_data.py

Not part of the test run.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from publishing import personal_data  # noqa: E402

SIZE = 5 * 1024 * 1024


def _texts():
    prose = "ผู้ยื่นคำขอ นายสมชาย ใจดี เลขประจำตัวประชาชน 1-1017-00123-45-4 โทร 081-234-5678 somchai@gmail.com "
    prose += "สัญญาเลขที่ 6605140001234 วงเงิน 1,250,000 บาท ติดต่อสำนักงาน 0 3242 5000 "
    yield "prose", (prose * (SIZE // len(prose) + 1))[:SIZE]
    yield "digits", "1" * SIZE
    yield "email characters without @", "a" * SIZE
    yield "@ everywhere", "a@" * (SIZE // 2)


def _ms(function):
    start = time.perf_counter()
    result = function()
    return (time.perf_counter() - start) * 1000, result


def main():
    cap = personal_data.MAX_SCAN_CHARS
    for name, text in _texts():
        personal_data.MAX_SCAN_CHARS = len(text)
        whole, (found, _) = _ms(lambda text=text: personal_data.text_personal_data(text))
        personal_data.MAX_SCAN_CHARS = cap
        capped, _result = _ms(lambda text=text: personal_data.text_personal_data(text))
        size = f"{len(text) / 1e6:.1f} M chars"
        print(f"{name:28} {size}: whole {whole:8.0f} ms ({len(found)} found), capped {capped:6.0f} ms")


if __name__ == "__main__":
    main()
