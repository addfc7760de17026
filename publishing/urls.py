from django.urls import path

from publishing import views

app_name = "publishing"
urlpatterns = [
    path("still-current/<int:page_id>/", views.still_current, name="still_current"),
    path("record/<int:page_id>/", views.record, name="record"),
    path("record/<int:page_id>/pdf/", views.record_pdf, name="record_pdf"),
    path("record/state/<int:workflow_state_id>/", views.record_state, name="record_state"),
    path("record/state/<int:workflow_state_id>/pdf/", views.record_state_pdf, name="record_state_pdf"),
    path("record/object/<int:content_type_id>/<str:object_id>/", views.record_object, name="record_object"),
    path("record/object/<int:content_type_id>/<str:object_id>/pdf/", views.record_object_pdf, name="record_object_pdf"),
]
