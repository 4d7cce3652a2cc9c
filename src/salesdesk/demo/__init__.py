"""Deterministic demo departments in the data contract's file formats (see `generate`)."""

from salesdesk.demo.generate import DEMO_DEPARTMENTS, DemoFiles, generate_department

__all__ = ["DEMO_DEPARTMENTS", "DemoFiles", "generate_department"]
