"""URL routes of the web app (the app itself arrives with the web issue)."""

from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/", admin.site.urls)]
