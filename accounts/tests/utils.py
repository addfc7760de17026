"""Builders shared by the sign-in tests: signing in through the login form, TOTP codes, a form's current values."""

import time
from binascii import unhexlify

from django.test import Client
from django.urls import reverse

from bs4 import BeautifulSoup
from django_otp.oath import TOTP

from conftest import MEMBER_PASSWORD


def sign_in(username, password=MEMBER_PASSWORD, client=None, **extra):
    """POST the admin's login form as a browser does; returns the client and the response."""
    client = client or Client()
    response = client.post(reverse("wagtailadmin_login"), {"username": username, "password": password}, **extra)
    return client, response


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def totp_code(key_hex: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app holding ``key_hex`` shows now (or ``steps_ahead`` 30-second steps later)."""
    totp = TOTP(unhexlify(key_hex), step=30, digits=6)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def wrong_code(key_hex: str) -> str:
    """Six digits that no step around now accepts."""
    valid = {totp_code(key_hex, steps) for steps in (-2, -1, 0, 1, 2)}
    return next(code for code in ("123456", "654321", "111111", "222222", "333333", "444444") if code not in valid)


def form_values(html: str, form_selector: str = "form") -> dict:
    """The values a browser would post from the form on ``html``: inputs, checked boxes, selects, text areas."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    values = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "select":
            chosen = field.select("option[selected]") or field.select("option")[:1]
            values[name] = [option.get("value", option.text) for option in chosen]
            if not field.has_attr("multiple"):
                values[name] = values[name][0] if values[name] else ""
        elif field.name == "textarea":
            values[name] = field.text
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                values.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in ("submit", "button", "file"):
            values[name] = field.get("value", "")
    return values
