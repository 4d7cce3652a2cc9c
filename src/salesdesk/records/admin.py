"""Django admin for master data (in Chinese)."""

from django.contrib import admin

from salesdesk.records import models as m

for model in (
    m.Department,
    m.Rep,
    m.Customer,
    m.OrderLine,
    m.Adjustment,
    m.Payment,
    m.Capacity,
    m.Target,
    m.Activity,
    m.Idea,
    m.Incident,
    m.ImportBatch,
):
    admin.site.register(model)
