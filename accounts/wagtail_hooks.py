"""Signing in within Wagtail's admin: the audit log's sign-in actions, the second step's pages, the account's link
to them, and the administrators' account-security screen under Settings."""

from django.urls import include, path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts import urls as accounts_urls
from accounts.audit import LOG_ACTIONS
from accounts.members import user_manages_accounts


@hooks.register("register_log_actions")
def register_sign_in_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_admin_urls")
def register_accounts_urls():
    return [path("accounts/", include(accounts_urls, namespace="accounts"))]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("accounts:two_factor_setup"),
        "label": "การยืนยันตัวตนสองขั้นตอน",
        "help_text": "เข้าสู่ระบบด้วยรหัสผ่านและรหัสจากแอปในโทรศัพท์ สร้างรหัสกู้คืน หรือเปลี่ยนโทรศัพท์",
    }


class SecurityMenuItem(MenuItem):
    def is_shown(self, request):
        return user_manages_accounts(request.user)


@hooks.register("register_settings_menu_item")
def register_security_menu_item():
    return SecurityMenuItem(
        "ความปลอดภัยการเข้าสู่ระบบ", reverse("accounts:security"), name="sign-in-security", icon_name="key", order=850
    )
