"""Page types and snippets for the mandated categories R1.1-R1.4, one module per category."""

from .basic_info import (
    BasicInfoIndexPage,
    ExecutiveEntry,
    ExecutivesPage,
    OrganisationStructurePage,
    Person,
    UnitHeadEntry,
    UnitHeadsPage,
)
from .laws import LawIndexPage, LawPage, LawType
from .official_info import (
    OfficialInfoCategory,
    OfficialInfoIndexPage,
    OfficialInfoPage,
    ProcurementMethod,
    ProcurementRow,
    ProcurementSummaryPage,
)
from .plans import MonitoringReportPage, PlanIndexPage, PlanPage, PlanStatus, PlanType, ReportPeriod

__all__ = [
    "BasicInfoIndexPage",
    "ExecutiveEntry",
    "ExecutivesPage",
    "LawIndexPage",
    "LawPage",
    "LawType",
    "MonitoringReportPage",
    "OfficialInfoCategory",
    "OfficialInfoIndexPage",
    "OfficialInfoPage",
    "OrganisationStructurePage",
    "Person",
    "PlanIndexPage",
    "PlanPage",
    "PlanStatus",
    "PlanType",
    "ProcurementMethod",
    "ProcurementRow",
    "ProcurementSummaryPage",
    "ReportPeriod",
    "UnitHeadEntry",
    "UnitHeadsPage",
]
