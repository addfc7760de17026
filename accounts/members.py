"""Who looks after whose account: superusers for everyone, an agency's website administrators (ผู้ดูแลระบบเว็บไซต์)
for the members of their agency's groups."""

from django.contrib.auth import get_user_model

from publishing.models import AgencyGroup, AgencyRole


def administered_agency_groups(user):
    """The agency groups of the agencies where ``user`` is a website administrator."""
    sites = AgencyGroup.objects.filter(group__user=user, role=AgencyRole.ADMINISTRATORS).values("site")
    return AgencyGroup.objects.filter(site__in=sites)


def user_manages_accounts(user) -> bool:
    """Superusers, and website administrators of an agency: they unlock sign-ins and reset the second step."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or AgencyGroup.objects.filter(group__user=user, role=AgencyRole.ADMINISTRATORS).exists()


def members_managed_by(user):
    """The accounts ``user`` looks after: everyone for a superuser; for a website administrator, the members of
    their agencies' groups, superusers excepted (only a superuser acts on a superuser)."""
    User = get_user_model()
    if user.is_superuser:
        return User.objects.all()
    groups = administered_agency_groups(user).values("group")
    return User.objects.filter(groups__in=groups, is_superuser=False).distinct()
