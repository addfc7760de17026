"""Page types of the agency's ITA section (การส่งเสริมคุณธรรมและความโปร่งใส), one module per area."""

from core.models import ProcurementMethod

from .complaints import ComplaintsPage, ComplaintStatistic
from .index import SECTION_PAGE_TYPES, IntegrityIndexPage
from .items import IntegrityItemKind, IntegrityItemPage
from .people import HumanResourcesKind, HumanResourcesPage
from .prevention import (
    ActivityStatus,
    PreventionActivity,
    PreventionPlanPage,
    PreventionReportPage,
    PreventionReportPeriod,
    PreventionResult,
)
from .procurement import ProcurementMethodTotal, ProcurementPlanPage, ProcurementPlanRow, ProcurementReportPage
from .risk import RiskAssessmentPage, RiskRow

__all__ = [
    "SECTION_PAGE_TYPES",
    "ActivityStatus",
    "ComplaintStatistic",
    "ComplaintsPage",
    "HumanResourcesKind",
    "HumanResourcesPage",
    "IntegrityIndexPage",
    "IntegrityItemKind",
    "IntegrityItemPage",
    "PreventionActivity",
    "PreventionPlanPage",
    "PreventionReportPage",
    "PreventionReportPeriod",
    "PreventionResult",
    "ProcurementMethod",
    "ProcurementMethodTotal",
    "ProcurementPlanPage",
    "ProcurementPlanRow",
    "ProcurementReportPage",
    "RiskAssessmentPage",
    "RiskRow",
]
