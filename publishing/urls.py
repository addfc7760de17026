from django.urls import path

from publishing import views

app_name = "publishing"
urlpatterns = [
    path("still-current/<int:page_id>/", views.still_current, name="still_current"),
    path("record/<int:page_id>/", views.record, name="record"),
    path("record/<int:page_id>/pdf/", views.record_pdf, name="record_pdf"),
]
