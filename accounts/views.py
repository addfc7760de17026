"""Admin screens of signing in: the Thai lockout page, the second step (the code page, enrolment and recovery
codes) and the administrators' screen for unlocking sign-ins and resetting a member's second step. Thin: the work is
in ``lockouts``, ``two_factor`` and ``sessions``."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme, urlencode

from wagtail.admin.views.account import LoginView
from wagtail.models import Site

from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import lockouts, two_factor
from accounts.forms import CodeForm, EnrolForm
from accounts.members import members_managed_by, user_manages_accounts
from accounts.sessions import sessions_end
from publishing.models import AgencyGroup

ENROLMENT_KEY = "prongsai_two_factor_key"
PLAIN_LAYOUT = "accounts/plain_base.html"
ADMIN_LAYOUT = "wagtailadmin/base.html"


def _next_url(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("wagtailadmin_home")


def _private(response):
    """Secrets and recovery codes: never cached by a browser or a proxy."""
    add_never_cache_headers(response)
    return response


# Lockout --------------------------------------------------------------------------------------------------------


def lockout_message() -> str:
    if settings.AXES_COOLOFF_TIME is None:
        return "ระงับการเข้าสู่ระบบ เนื่องจากเข้าสู่ระบบไม่สำเร็จหลายครั้ง กรุณาติดต่อผู้ดูแลระบบเว็บไซต์ของหน่วยงานเพื่อปลดล็อก"
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return (
        f"ระงับการเข้าสู่ระบบชั่วคราว เนื่องจากเข้าสู่ระบบไม่สำเร็จหลายครั้ง กรุณาลองใหม่อีกครั้งใน {minutes} นาที "
        "หรือติดต่อผู้ดูแลระบบเว็บไซต์ของหน่วยงานเพื่อปลดล็อก"
    )


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a sign-in while locked out (``AXES_LOCKOUT_CALLABLE``): Wagtail's login page again
    with a Thai message, status 429. The message is the same whether the username is an account or not, and whether
    the username or the address is locked: it tells nothing about which accounts exist."""
    messages.error(request, lockout_message())
    view = LoginView()
    view.setup(request)
    form = view.get_form_class()(request, initial={"username": request.POST.get("username", "")[:150]})
    # Returned by a middleware, after the view: rendered here.
    return TemplateResponse(request, view.template_name, view.get_context_data(form=form), status=429).render()


# The second step ------------------------------------------------------------------------------------------------


def two_factor_verify(request):
    """After the password: the code from the app, or a recovery code."""
    step = two_factor.pending_step(request)
    next_url = _next_url(request)
    if step is None:
        return redirect(next_url)
    if step == "enrol":
        return redirect(f"{reverse('accounts:two_factor_setup')}?{urlencode({'next': next_url})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device, wait = two_factor.token_verify(request, form.cleaned_data["code"])
        if device is not None:
            if isinstance(device, StaticDevice):
                left = two_factor.recovery_codes_left(request.user)
                messages.warning(
                    request,
                    f"ใช้รหัสกู้คืนไปแล้ว 1 รหัส เหลืออีก {left} รหัส หากโทรศัพท์หาย "
                    "กรุณาตั้งค่าแอปใหม่ที่หน้า “การยืนยันตัวตนสองขั้นตอน” ในบัญชีของคุณ",
                )
            return redirect(next_url)
        if wait:
            form.add_error("code", f"กรอกรหัสผิดหลายครั้ง กรุณารอ {wait} วินาทีแล้วลองใหม่")
        else:
            form.add_error("code", "รหัสไม่ถูกต้องหรือถูกใช้ไปแล้ว กรุณากรอกรหัสที่แอปแสดงอยู่ขณะนี้")
    context = {"form": form, "next": next_url, "layout": PLAIN_LAYOUT}
    return TemplateResponse(request, "accounts/two_factor_verify.html", context)


def _enrol_page(request, form, key, next_url):
    user = request.user
    site = Site.find_for_request(request)
    issuer = (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME
    url = two_factor.enrolment_url(user, key, issuer)
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": two_factor.enrolment_qr_svg(url),
        "secret": two_factor.enrolment_secret(key),
        "required": two_factor.two_factor_required(user),
        "layout": PLAIN_LAYOUT if two_factor.pending_step(request) else ADMIN_LAYOUT,
    }
    return _private(TemplateResponse(request, "accounts/two_factor_enrol.html", context))


def _codes_page(request, codes, next_url):
    context = {"codes": codes, "next": next_url, "layout": ADMIN_LAYOUT}
    return _private(TemplateResponse(request, "accounts/two_factor_codes.html", context))


def two_factor_setup(request):
    """Enrolment (a QR code to scan, then a code to confirm, then ten recovery codes shown once) and, once
    enrolled, new recovery codes, a new phone, or opting out when the second step is not required."""
    user = request.user
    next_url = _next_url(request)
    setup_url = reverse("accounts:two_factor_setup")
    if two_factor.pending_step(request) == "verify":
        # Enrolled but not verified in this session: the present device first, never a new one with the password.
        return redirect(f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': setup_url})}")
    enrolled = two_factor.two_factor_enrolled(user)
    required = two_factor.two_factor_required(user)
    action = request.POST.get("action") if request.method == "POST" else None

    if action == "confirm":
        key = request.session.get(ENROLMENT_KEY)
        form = EnrolForm(request.POST)
        if key is None:
            return redirect(setup_url)
        if form.is_valid():
            codes = two_factor.enrolment_confirm(user, key, form.cleaned_data["code"], request)
            if codes is not None:
                request.session.pop(ENROLMENT_KEY, None)
                return _codes_page(request, codes, next_url)
            form.add_error(
                "code",
                "รหัสไม่ถูกต้อง กรุณากรอกรหัสที่แอปแสดงอยู่ขณะนี้ และตรวจสอบว่าเวลาในโทรศัพท์ตรงกับเวลาจริง",
            )
        return _enrol_page(request, form, key, next_url)
    if enrolled and action == "renew_codes":
        return _codes_page(request, two_factor.recovery_codes_renew(user, request), setup_url)
    if enrolled and action == "new_device":
        request.session[ENROLMENT_KEY] = key = two_factor.enrolment_key_new()
        return _enrol_page(request, EnrolForm(), key, setup_url)
    if enrolled and action == "disable" and not required:
        two_factor.two_factor_remove(user, by=user, request=request)
        messages.success(request, "ปิดการยืนยันตัวตนสองขั้นตอนแล้ว ต่อไปเข้าสู่ระบบด้วยรหัสผ่านอย่างเดียว")
        return redirect(setup_url)
    if action is not None:
        return redirect(setup_url)

    if enrolled:
        context = {
            "device": two_factor.app_device(user),
            "codes_left": two_factor.recovery_codes_left(user),
            "required": required,
            "layout": ADMIN_LAYOUT,
        }
        return TemplateResponse(request, "accounts/two_factor_status.html", context)
    key = request.session.get(ENROLMENT_KEY)
    if key is None:
        request.session[ENROLMENT_KEY] = key = two_factor.enrolment_key_new()
    return _enrol_page(request, EnrolForm(), key, next_url)


# The administrators' screen --------------------------------------------------------------------------------------


def security(request):
    """Locked sign-ins to lift, and the members' second step (reset for a lost phone): for superusers and the
    agencies' website administrators, each over the accounts they look after (``accounts.members``)."""
    actor = request.user
    if not user_manages_accounts(actor):
        raise PermissionDenied
    if request.method == "POST":
        _security_act(request, actor)
        return redirect("accounts:security")

    members = list(members_managed_by(actor).filter(is_active=True).order_by("username"))
    ids = [member.pk for member in members]
    enrolled = set(TOTPDevice.objects.filter(user_id__in=ids, confirmed=True).values_list("user_id", flat=True))
    in_required_roles = set(
        AgencyGroup.objects.filter(group__user__in=ids, role__in=two_factor.ROLES_REQUIRING_2FA).values_list(
            "group__user", flat=True
        )
    )
    rows = [
        {
            "user": member,
            "enrolled": member.pk in enrolled,
            "required": settings.PRONGSAI_REQUIRE_2FA and (member.is_superuser or member.pk in in_required_roles),
            "is_self": member.pk == actor.pk,
        }
        for member in members
    ]
    context = {
        "lockouts": lockouts.lockouts_visible_to(actor),
        "members": rows,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": round(settings.AXES_COOLOFF_TIME.total_seconds() / 60) if settings.AXES_COOLOFF_TIME else 0,
        "require_2fa": settings.PRONGSAI_REQUIRE_2FA,
    }
    return TemplateResponse(request, "accounts/security.html", context)


def _security_act(request, actor):
    action = request.POST.get("action")
    if action == "unlock":
        kind, value = request.POST.get("kind", ""), request.POST.get("value", "")[:255]
        if kind in ("username", "ip_address") and lockouts.lockout_release(
            actor, kind=kind, value=value, request=request
        ):
            messages.success(request, f"ปลดล็อกการเข้าสู่ระบบของ “{value}” แล้ว")
        else:
            messages.error(request, "ไม่พบรายการที่ถูกระงับนี้ อาจปลดล็อกไปแล้วหรือพ้นเวลาระงับแล้ว")
        return
    if action == "reset_two_factor":
        member_id = request.POST.get("user", "")
        member = members_managed_by(actor).filter(pk=member_id).first() if member_id.isdigit() else None
        if member is None or member.pk == actor.pk:
            messages.error(request, "ไม่พบผู้ใช้นี้ในหน่วยงานของคุณ")
            return
        two_factor.two_factor_remove(member, by=actor, request=request)
        sessions_end(member, reason="two_factor_reset", by=actor, request=request)
        messages.success(
            request,
            f"ยกเลิกอุปกรณ์ยืนยันตัวตนของ “{member.get_full_name() or member.get_username()}” แล้ว "
            "และให้ออกจากระบบทุกเครื่อง ผู้ที่ต้องยืนยันตัวตนสองขั้นตอนจะตั้งค่าแอปใหม่เมื่อเข้าสู่ระบบครั้งถัดไป",
        )
        return
    messages.error(request, "ไม่รู้จักคำสั่งนี้")
