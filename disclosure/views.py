"""Open data of the request's agency (``disclosure.open_data``): the ``/open-data/`` page, each dataset as CSV and
JSON, and the DCAT catalogue.

Left out of the page cache (it stores Wagtail pages only) and marked ``no-cache`` for browsers and front caches: a
download reflects the pages live at that moment, in a few queries whatever the number of rows, so nothing has to be
purged when a summary, a plan or an item is published, changed or withdrawn.
"""

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from wagtail.models import Site

from core.models import AgencySettings

from . import open_data


def _site(request) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("ไม่พบเว็บไซต์ของหน่วยงาน")
    return site


def _publisher(request, site: Site) -> str:
    agency = AgencySettings.for_request(request)
    return agency.name_th or site.site_name


def _absolute(site: Site):
    return lambda path: site.root_url + path


def _open(response):
    """Anyone's web page may read the files (CORS), as open data is meant to be reused."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@cache_control(no_cache=True)
def open_data_index(request):
    """ข้อมูลเปิด: the datasets, their formats, latest change and licence, and the catalogue's address."""
    site = _site(request)
    summary = open_data.datasets_summary(site)
    datasets = [
        {
            "dataset": dataset,
            "count": summary[dataset.slug][0],
            "modified": summary[dataset.slug][1],
            "csv_url": dataset.url("csv"),
            "json_url": dataset.url("json"),
        }
        for dataset in open_data.DATASETS.values()
    ]
    return render(
        request,
        "disclosure/open_data.html",
        {"datasets": datasets, "license": open_data.license_in_force(), "publisher": _publisher(request, site)},
    )


@require_safe
@cache_control(no_cache=True)
def open_data_file(request, slug: str, fmt: str):
    """One dataset of the request's agency as CSV (UTF-8 with BOM) or JSON."""
    if slug not in open_data.DATASETS or fmt not in open_data.FORMATS:
        raise Http404("ไม่พบชุดข้อมูลนี้")
    site = _site(request)
    table = open_data.dataset_table(request, site, slug)
    if fmt == "csv":
        response = HttpResponse(open_data.table_csv(table), content_type=f"{open_data.CSV_MEDIA_TYPE}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{slug}.csv"'
    else:
        response = JsonResponse(
            open_data.table_json(table, _publisher(request, site)), json_dumps_params={"ensure_ascii": False}
        )
    return _open(response)


@require_safe
@cache_control(no_cache=True)
def open_data_catalog(request):
    """The DCAT catalogue (``catalog.json``) to register the datasets in a CKAN catalogue such as data.go.th."""
    site = _site(request)
    return _open(
        JsonResponse(
            open_data.catalog(request, site, _absolute(site)),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
    )
