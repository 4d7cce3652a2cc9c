"""WSGI entry point (`salesdesk serve` uses it; any WSGI server can)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "salesdesk.conf.settings")
application = get_wsgi_application()
