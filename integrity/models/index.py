"""The agency's ITA section (การส่งเสริมคุณธรรมและความโปร่งใส): every page below it, with the ITA items each answers."""

from wagtail.models import Page

from core.models import IndexPage

# Every page type that lives in the section (the section is their only parent).
SECTION_PAGE_TYPES = [
    "integrity.ProcurementPlanPage",
    "integrity.ProcurementReportPage",
    "integrity.HumanResourcesPage",
    "integrity.ComplaintsPage",
    "integrity.RiskAssessmentPage",
    "integrity.PreventionPlanPage",
    "integrity.EServicesPage",
    "integrity.ParticipationPage",
    "integrity.NoGiftPage",
    "integrity.IntegrityMeasuresPage",
    "integrity.IntegrityItemPage",
]


class IntegrityIndexPage(IndexPage):
    """หมวด ITA / การส่งเสริมคุณธรรมและความโปร่งใส: procurement, people, complaints, risks, prevention, E-Service,
    participation, No Gift, ethics and integrity measures, each page listed with the ITA item codes it is evidence
    for."""

    parent_page_types = ["home.HomePage"]
    subpage_types = SECTION_PAGE_TYPES
    max_count_per_parent = 1

    class Meta:
        verbose_name = "หมวด ITA / การส่งเสริมคุณธรรมและความโปร่งใส"

    def get_listing(self, request):
        """The live, public pages of the section in the editors' order (the tree's)."""
        return self.get_children().live().public().specific().order_by("path")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = list(context["children"])
        # The ITA item codes of the listed pages, in one query (the tags are the pages' own: core.ClassifiedPageMixin).
        tags = Page._meta.get_field("ita_items").related_model.objects.filter(page_id__in=[c.pk for c in children])
        codes: dict[int, list[str]] = {}
        for page_id, code in tags.order_by("item__sort_order", "item__code").values_list("page_id", "item__code"):
            codes.setdefault(page_id, []).append(code)
        for child in children:
            child.ita_codes = codes.get(child.pk, [])
        context["children"] = children
        return context
