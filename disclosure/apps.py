from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"

    def ready(self):
        from disclosure.signal_handlers import register_signal_handlers

        register_signal_handlers()

        from core.page_cache_triggers import data_listeners, page_listeners, track_reference
        from disclosure.models import OfficialInfoCategory

        page_listeners.append(_plan_report_keys)
        page_listeners.append(_oia_index_keys)
        data_listeners.append(_unit_parent_keys)
        track_reference(OfficialInfoCategory)

        from django.core import checks

        from disclosure.open_data import check_license

        checks.register(check_license)


def _plan_report_keys(page, site_id) -> set:
    """A plan's page lists its live monitoring reports (``PlanPage.get_context``)."""
    from disclosure.models import MonitoringReportPage

    plan_id = getattr(page, "plan_id", None)
    if plan_id and issubclass(page.specific_class or type(page), MonitoringReportPage):
        return {f"plan-reports:{plan_id}"}
    return set()


def _oia_index_keys(page, site_id) -> set:
    """The agency's Official Information Act index lists every live, public page of a type filed under a category
    (``disclosure.selectors.oia_pages``), wherever it is in the agency's tree."""
    from disclosure.selectors import oia_classified, oia_dependency_key

    model = page.specific_class
    return {oia_dependency_key(site_id)} if model is not None and oia_classified(model) else set()


def _unit_parent_keys(obj, before) -> set:
    """A structure page shows a unit's live sub-units: a unit that goes live, changes its parent or is removed
    changes the pages that showed its parent (old and new)."""
    from core.models import OrganisationUnit

    if not isinstance(obj, OrganisationUnit):
        return set()
    parents = {obj.parent_id, (before or {}).get("parent_id")} - {None}
    return {f"core.organisationunit:{pk}" for pk in parents}
