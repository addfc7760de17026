"""The yearly report (R4.1) of a fiscal year with many publications: time to compute it, and to answer its screen,
its PDF and its XLSX through the full Django stack, as an executive of the agency opens them.

    .venv/bin/python bench/bench_reports.py [--publications 1000] [--pages 100] [--repeat 3]

The agency is set up as ``setup_agency`` does; ``--pages`` pages are published through Wagtail, then the audit log
gets ``--publications`` publications of them spread over fiscal year 2568 (each with its revision, as Wagtail
writes them). The database is a temporary SQLite file unless DATABASE_URL says otherwise. Target: the
PDF of a year with 1,000 publications in under 3 s on the 2-core development machine. Not part of the test run.
"""

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.temporary_site import django_on_a_temporary_database  # noqa: E402

FISCAL_YEAR = 2568  # 1 October 2024 - 30 September 2025


def _timed(function, repeat):
    timings, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings), max(timings), result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--publications", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--save", metavar="FILE", help="write the PDF to FILE, to look at")
    parser.add_argument("--profile", metavar="FILE", help="profile one PDF answer into FILE and print its top entries")
    args = parser.parse_args()

    django_on_a_temporary_database()
    from django.contrib.contenttypes.models import ContentType
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from wagtail.models import PageLogEntry

    from agencies.services import agency_setup
    from core.models import InformationClass
    from home.models import StandardPage
    from oversight.reports import yearly_report
    from publishing.models import AgencyRole
    from publishing.tests.utils import member_make

    site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
    executive = member_make(site, AgencyRole.EXECUTIVES, "executive")
    administrator = member_make(site, AgencyRole.ADMINISTRATORS, "webadmin")
    home, pages = site.root_page.specific, []
    for number in range(args.pages):
        page = StandardPage(
            title=f"ประกาศจังหวัดเพชรบุรี เรื่องการเผยแพร่ข้อมูลข่าวสาร ฉบับที่ {number + 1}",
            slug=f"bench-{number + 1}",
            body="<p>ข้อมูลข่าวสารของราชการ</p>",
            information_class=(InformationClass.IMMEDIATE, InformationClass.ON_CHANGE)[number % 2],
        )
        home.add_child(instance=page)
        page.save_revision(user=administrator).publish(user=administrator)
        pages.append(page)

    # The year's publications, spread evenly over its days, each of a page's latest revision.
    start = timezone.make_aware(datetime.datetime(2024, 10, 1, 9, 0))
    step = datetime.timedelta(days=364) / args.publications
    content_type = ContentType.objects.get_for_model(StandardPage)
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            page_id=pages[number % len(pages)].pk,
            revision_id=pages[number % len(pages)].latest_revision_id,
            content_type=content_type,
            label=pages[number % len(pages)].title,
            action="wagtail.publish",
            data={},
            timestamp=start + step * number,
            user=administrator,
            content_changed=True,
        )
        for number in range(args.publications)
    )

    report_seconds, _, report = _timed(lambda: yearly_report(site, FISCAL_YEAR), args.repeat)
    assert len(report.publications) >= args.publications, len(report.publications)
    client = Client()
    client.force_login(executive)

    from documents.long_table import clear_caches

    def answer(url, params):
        clear_caches()  # each answer lays out its text afresh: only the fonts stay loaded, as in a served process
        response = client.get(url, params, HTTP_HOST="localhost")
        assert response.status_code == 200, response.status_code
        return response

    cases = (
        ("screen", reverse("oversight_report_yearly"), {"year": FISCAL_YEAR}),
        ("PDF", reverse("oversight_report_yearly_export", args=["pdf"]), {"year": FISCAL_YEAR}),
        ("XLSX", reverse("oversight_report_yearly_export", args=["xlsx"]), {"year": FISCAL_YEAR}),
    )
    answer(cases[1][1], cases[1][2])  # warm-up: fonts loaded once per process
    if args.profile:
        import cProfile
        import pstats

        cProfile.runctx("answer(cases[1][1], cases[1][2])", globals(), locals(), args.profile)
        pstats.Stats(args.profile).sort_stats("cumulative").print_stats(40)
        return
    print(
        f"yearly report, fiscal year {FISCAL_YEAR}: {len(report.publications):,} publications of {len(pages)} pages, "
        f"median of {args.repeat} (worst)"
    )
    print(f"  {'computed (yearly_report)':28s} {report_seconds:6.2f} s")
    for label, url, params in cases:
        median, worst, response = _timed(lambda url=url, params=params: answer(url, params), args.repeat)
        print(f"  {label:28s} {median:6.2f} s ({worst:.2f} s)   {len(response.content):>10,} bytes")
        if label == "PDF" and args.save:
            Path(args.save).write_bytes(response.content)


if __name__ == "__main__":
    main()
