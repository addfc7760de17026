"""Document downloads: latency of the presigned-redirect answer (object storage) and of the streamed answer (local
disk), and their throughput, through the full Django stack (URL routing, privacy check, download count).

    .venv/bin/python bench/bench_documents.py [--requests 500]

Object storage is moto's S3 server on 127.0.0.1 (or S3_ENDPOINT_URL); the database is a temporary SQLite file.
Not part of the test run.
"""

import argparse
import logging
import os
import socket
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.temporary_site import django_on_a_temporary_database  # noqa: E402


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _measure(client, url, count):
    for _ in range(20):  # warm-up
        client.get(url)
    timings = []
    started = time.perf_counter()
    for _ in range(count):
        t0 = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        timings.append(time.perf_counter() - t0)
        assert response.status_code in (200, 302), response.status_code
    elapsed = time.perf_counter() - started
    timings.sort()
    return statistics.mean(timings) * 1000, timings[int(len(timings) * 0.95)] * 1000, count / elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()

    var_dir = django_on_a_temporary_database()
    from django.conf import settings
    from django.test import Client, override_settings

    import boto3

    from agencies.services import agency_setup
    from core.models import AgencySettings, PageDocument
    from documents.generate import document_create, pdf_from_html
    from documents.tests.conftest import S3_KEY, S3_SECRET, s3_storages
    from home.models import StandardPage

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    site = agency_setup("จังหวัดเพชรบุรี", "Phetchaburi Province", "localhost")
    collection = AgencySettings.for_site(site).collection
    pdf = pdf_from_html("แบบฟอร์มคำร้อง", "<p>" + "ข้อมูลข่าวสารของราชการ " * 200 + "</p>")

    endpoint, server = os.environ.get("S3_ENDPOINT_URL"), None
    if not endpoint:
        from moto.server import ThreadedMotoServer

        port = _free_port()
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
        server.start()
        endpoint = f"http://127.0.0.1:{port}"
    boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id=S3_KEY, aws_secret_access_key=S3_SECRET, region_name="us-east-1"
    ).create_bucket(Bucket="prongsai-bench")

    results = {}
    cases = (
        ("local", "local disk (streamed)", {**settings.STORAGES}),
        ("s3", "object storage (302 to presigned URL)", s3_storages(settings.STORAGES, endpoint, "prongsai-bench")),
    )
    for slug, label, storages in cases:
        with override_settings(STORAGES=storages, MEDIA_ROOT=Path(var_dir) / slug):
            document = document_create(collection, f"แบบฟอร์ม {slug}", "แบบฟอร์มคำร้อง.pdf", pdf, "form")
            page = StandardPage(title=f"หน้า {slug}", slug=f"bench-{slug}", body="<p>แบบฟอร์ม</p>")
            site.root_page.add_child(instance=page)
            page.published_documents.add(PageDocument(document=document))
            page.save_revision().publish()
            results[label] = _measure(Client(), document.url, args.requests)
    if server is not None:
        server.stop()
    print(f"document downloads: {args.requests} requests each, one process, a {len(pdf):,}-byte PDF")
    for label, (mean, p95, rate) in results.items():
        print(f"  {label:40s} mean {mean:6.2f} ms   p95 {p95:6.2f} ms   {rate:7.1f} downloads/s")


if __name__ == "__main__":
    main()
