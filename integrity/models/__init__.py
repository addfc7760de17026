"""Page types of the agency's ITA section (การส่งเสริมคุณธรรมและความโปร่งใส), one module per area."""

from core.models import ProcurementMethod

from .complaints import ComplaintQuarter, ComplaintsPage, ComplaintStatistic
from .eservices import EService, EServicesPage, EServiceUsage
from .index import SECTION_PAGE_TYPES, IntegrityIndexPage
from .items import IntegrityItemKind, IntegrityItemPage
from .measures import IntegrityMeasure, IntegrityMeasureResult, IntegrityMeasuresPage, IntegrityMeasuresReportPage
from .no_gift import GiftReceived, NoGiftPage
from .participation import ParticipationActivity, ParticipationKind, ParticipationPage
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
    "ComplaintQuarter",
    "ComplaintStatistic",
    "ComplaintsPage",
    "EService",
    "EServiceUsage",
    "EServicesPage",
    "GiftReceived",
    "HumanResourcesKind",
    "HumanResourcesPage",
    "IntegrityIndexPage",
    "IntegrityItemKind",
    "IntegrityItemPage",
    "IntegrityMeasure",
    "IntegrityMeasureResult",
    "IntegrityMeasuresPage",
    "IntegrityMeasuresReportPage",
    "NoGiftPage",
    "ParticipationActivity",
    "ParticipationKind",
    "ParticipationPage",
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
