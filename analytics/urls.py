from django.urls import path

from analytics import views

urlpatterns = [
    path("feedback/", views.submit_feedback, name="analytics_feedback"),
]
