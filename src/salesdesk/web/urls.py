"""URL routes of the web app: the pages, the JSON API under api/ (namespace "api")."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from salesdesk.web.api.endpoints import api
from salesdesk.web.api.views import token_page

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/api-token/", token_page, name="api_token"),
    path("accounts/", include("salesdesk.web.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("salesdesk.web.front.urls")),
]
