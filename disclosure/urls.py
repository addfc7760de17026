"""Open data at stable addresses of each agency's site: ``/open-data/``, ``/open-data/<dataset>.csv|json`` and
``/open-data/catalog.json``."""

import re

from django.urls import path, re_path

from . import views
from .open_data import DATASETS, FORMATS


def _choice(names) -> str:
    return "|".join(re.escape(name) for name in names)


urlpatterns = [
    path("", views.open_data_index, name="open_data"),
    path("catalog.json", views.open_data_catalog, name="open_data_catalog"),
    re_path(
        rf"^(?P<slug>{_choice(DATASETS)})\.(?P<fmt>{_choice(FORMATS)})$", views.open_data_file, name="open_data_file"
    ),
]
