"""The department's records: one model per kind of the data contract."""

from salesdesk.records.models.base import Department, ImportBatch, Record, YearClose, YearCloseEvent
from salesdesk.records.models.people import Customer, Rep
from salesdesk.records.models.rollups import (
    LineAging,
    LineDay,
    LineMix,
    LinePair,
    LineProduct,
    RollupState,
)
from salesdesk.records.models.sales import Adjustment, Capacity, OrderLine, Payment, Target
from salesdesk.records.models.work import Activity, Idea, Incident

__all__ = [
    "Activity",
    "Adjustment",
    "Capacity",
    "Customer",
    "Department",
    "Idea",
    "ImportBatch",
    "Incident",
    "LineAging",
    "LineDay",
    "LineMix",
    "LinePair",
    "LineProduct",
    "OrderLine",
    "Payment",
    "Record",
    "Rep",
    "RollupState",
    "Target",
    "YearClose",
    "YearCloseEvent",
]
