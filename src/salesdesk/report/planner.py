"""`salesdesk plan --year Y`: next year's plan from the year before, as the summary makes it.

The plan in a summary of year Y−1 and the plan this command prints are one and
the same computation (report.build.plan_section), so they can never disagree.
"""

from __future__ import annotations

from decimal import Decimal

from salesdesk.planning.plan import AnnualPlan
from salesdesk.report.build import build_summary


class PlanUnavailable(Exception):
    """No plan can be made (unknown holiday year without --assume-weekends, nothing to grow from …)."""


def plan_for_department(
    department: str | None,
    year: int,
    *,
    target: Decimal | None,
    growth: Decimal,
    assume_weekends: bool,
    lang: str = "zh",
) -> AnnualPlan:
    summary = build_summary(
        department,
        year - 1,
        plan_target=target,
        growth=growth,
        assume_weekends=assume_weekends,
        lang=lang,
    )
    section = summary.plan
    if section.plan is None:
        raise PlanUnavailable(section.note_en if lang == "en" else section.note_zh)
    return section.plan
