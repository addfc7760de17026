"""O10 (OIT 2569) ระบบการให้บริการผ่านช่องทางออนไลน์ (E-Service): each online service with its link, what it is for
and its hours, and how many times it was used in each month of the fiscal year."""

from django.core.exceptions import ValidationError
from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..forms import IntegrityPageForm
from .base import (
    BODY_FEATURES,
    FISCAL_MONTHS,
    MONTH_CHOICES,
    FiscalYearPage,
    inline_rows,
    integrity_edit_handler,
    month_in_fiscal_year,
)


class EServicesPage(FiscalYearPage):
    """ระบบการให้บริการผ่านช่องทางออนไลน์ (E-Service): the services (at least one) and their monthly usage, each usage
    row naming one of the page's services."""

    intro = RichTextField("คำอธิบาย", blank=True, features=BODY_FEATURES)

    content_panels = FiscalYearPage.content_panels + [
        FieldPanel("report_year"),
        FieldPanel("intro"),
        InlinePanel("services", heading="บริการออนไลน์ (E-Service)", label="บริการ", min_num=1),
        InlinePanel("usage", heading="สถิติการใช้บริการรายเดือน", label="สถิติ"),
    ]
    edit_handler = integrity_edit_handler(content_panels)
    base_form_class = IntegrityPageForm
    search_fields = FiscalYearPage.search_fields + [
        index.SearchField("intro"),
        index.RelatedFields("services", [index.SearchField("name"), index.SearchField("purpose")]),
    ]

    parent_page_types = ["integrity.IntegrityIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "ระบบการให้บริการผ่านช่องทางออนไลน์ (E-Service)"
        verbose_name_plural = "ระบบการให้บริการผ่านช่องทางออนไลน์ (E-Service)"

    def clean(self):
        super().clean()
        names = {service.name.strip() for service in inline_rows(self, "services")}
        errors, seen = [], {}
        for number, row in enumerate(inline_rows(self, "usage"), start=1):
            name = (row.service_name or "").strip()
            if name not in names:
                errors.append(f"สถิติแถวที่ {number}: ไม่มีบริการชื่อ “{name}” ในหน้านี้ ชื่อบริการต้องตรงกับชื่อบริการออนไลน์ที่ระบุไว้ด้านบน")
            elif (name, row.month) in seen:
                errors.append(
                    f"สถิติแถวที่ {number} ซ้ำกับแถวที่ {seen[name, row.month]}: "
                    f"บริการ “{name}” เดือน{dict(MONTH_CHOICES).get(row.month, '')} ต้องมีเพียงแถวเดียว"
                )
            else:
                seen[name, row.month] = number
        if errors:
            raise ValidationError(errors)

    def ita_minimum_problems(self) -> list[str]:
        """What O10's assessor looks for that the page lacks: a service, and monthly usage for each service."""
        services = list(self.services.all())
        if not services:
            return ["ยังไม่มีบริการออนไลน์"]
        used = {row.service_name.strip() for row in self.usage.all()}
        return [f"บริการ “{s.name}” ยังไม่มีสถิติการใช้บริการรายเดือน" for s in services if s.name.strip() not in used]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        services = list(self.services.select_related("service_page"))
        # A linked citizen's manual is shown only while it is live and public.
        manual_ids = {service.service_page_id for service in services if service.service_page_id}
        public = (
            set(Page.objects.filter(pk__in=manual_ids).live().public().values_list("pk", flat=True))
            if manual_ids
            else set()
        )
        for service in services:
            service.manual = service.service_page if service.service_page_id in public else None
        context["services"] = services
        context.update(usage_table(services, list(self.usage.all()), self.report_year))
        return context


def usage_table(services, usage, fiscal_year) -> dict:
    """The usage as services × the fiscal year's months (October first), with each service's, each month's and the
    year's totals (``None`` where a month has no figure)."""
    figures: dict[str, dict[int, int]] = {}
    for row in usage:
        months = figures.setdefault(row.service_name.strip(), {})
        months[row.month] = months.get(row.month, 0) + row.uses
    rows = []
    for service in services:
        months = figures.get(service.name.strip(), {})
        cells = [months.get(month) for month in FISCAL_MONTHS]
        rows.append({"name": service.name, "cells": cells, "total": sum(c for c in cells if c is not None)})
    month_totals = [
        sum(cells) if (cells := [row["cells"][n] for row in rows if row["cells"][n] is not None]) else None
        for n in range(len(FISCAL_MONTHS))
    ]
    return {
        "usage_months": [month_in_fiscal_year(month, fiscal_year) for month in FISCAL_MONTHS],
        "usage_rows": rows if usage else [],
        "usage_month_totals": month_totals,
        "usage_total": sum(row["total"] for row in rows),
    }


class EService(Orderable):
    """One online service: where it is, what it is for, when it is open, and the citizen's manual it belongs to."""

    page = ParentalKey(EServicesPage, on_delete=models.CASCADE, related_name="services")
    name = models.CharField("ชื่อบริการ", max_length=255)
    url = models.URLField("ลิงก์เข้าใช้บริการ", max_length=500)
    purpose = models.TextField("ใช้ทำอะไร", help_text="เช่น ยื่นคำขอจดทะเบียนพาณิชย์ออนไลน์โดยไม่ต้องเดินทางมาที่หน่วยงาน")
    hours = models.CharField("เวลาให้บริการ", max_length=255, default="ตลอด 24 ชั่วโมง")
    service_page = models.ForeignKey(
        "services.ServicePage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="คู่มือสำหรับประชาชนของบริการนี้",
        help_text="เว้นว่างหากบริการนี้ไม่มีคู่มือสำหรับประชาชน",
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("hours")]),
        FieldPanel("url"),
        FieldPanel("purpose"),
        FieldPanel("service_page"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "บริการออนไลน์"
        verbose_name_plural = "บริการออนไลน์"

    def __str__(self):
        return self.name


class EServiceUsage(Orderable):
    """How many times one service was used in one month of the page's fiscal year."""

    page = ParentalKey(EServicesPage, on_delete=models.CASCADE, related_name="usage")
    service_name = models.CharField("ชื่อบริการ", max_length=255, help_text="พิมพ์ให้ตรงกับชื่อบริการออนไลน์ที่ระบุไว้ในหน้านี้")
    month = models.PositiveSmallIntegerField(
        "เดือน",
        choices=[(month, dict(MONTH_CHOICES)[month]) for month in FISCAL_MONTHS],
        help_text="เดือนในปีงบประมาณของหน้านี้ (ตุลาคมถึงธันวาคมเป็นของปีก่อนหน้า)",
    )
    uses = models.PositiveIntegerField("จำนวนครั้งที่ใช้บริการ")

    panels = [FieldRowPanel([FieldPanel("service_name"), FieldPanel("month"), FieldPanel("uses")])]

    class Meta(Orderable.Meta):
        verbose_name = "สถิติการใช้บริการรายเดือน"
        verbose_name_plural = "สถิติการใช้บริการรายเดือน"

    def __str__(self):
        return f"{self.service_name} ({self.get_month_display()})"
