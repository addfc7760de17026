from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("two-factor/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("security/", views.security, name="security"),
]
