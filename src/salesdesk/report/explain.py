"""`salesdesk explain KEY`: what a figure means, which records it counts, and the first of them.

Every explanation gives the definition (Chinese and English), the filter in
words, the figure's value, how many records stand behind it and the first rows
(e.g. the first order lines behind `sales.revenue`, the five customers behind
`customers.top5_share`). The value comes from the same metric functions the
report uses, so an explanation never disagrees with the report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Min

from salesdesk.findings import load_thresholds
from salesdesk.metrics import activity, collections, customers, dining, rooms, sales
from salesdesk.metrics.definitions import DEFINITIONS
from salesdesk.metrics.exact import MoneyUnits, units_to_money
from salesdesk.metrics.ratios import ratio
from salesdesk.metrics.scope import Scope, rep_scope
from salesdesk.records.departments import department_named
from salesdesk.report.format import by_unit

ROWS = 20
Row = tuple[object, ...]


@dataclass(frozen=True)
class Explanation:
    key: str
    label_zh: str
    label_en: str
    unit: str
    definition_zh: str
    definition_en: str
    filter_zh: str
    filter_en: str
    value: Decimal | int | None
    records: int
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Detail:
    """What one explainer finds: value, filter in words, record count, columns and rows."""

    value: Decimal | int | None
    filter_zh: str
    filter_en: str
    records: int
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


class UnknownFigure(KeyError):
    """The key names no figure that can be explained; the message lists those that can."""

    def __init__(self, key: str) -> None:
        known = ", ".join(sorted(EXPLAINERS))
        super().__init__(
            f"没有名为 {key!r} 的指标。可说明的指标：{known} / Unknown figure {key!r}. Known: {known}"
        )
        self.key = key
        self.known = sorted(EXPLAINERS)


def _year(scope: Scope) -> tuple[str, str]:
    who_zh = f"业务员 {scope.rep.code}" if scope.rep else f"部门“{scope.department.name}”"
    who_en = f"rep {scope.rep.code}" if scope.rep else f"department {scope.department.name!r}"
    return f"{who_zh} {scope.year} 年", f"{who_en}, {scope.year}"


def _code(obj: object) -> str:
    return str(getattr(obj, "code", "") or "")


def _lines(scope: Scope, limit: int) -> tuple[Row, ...]:
    qs = (
        scope.year_lines().select_related("customer", "rep").order_by("date", "order_no", "line_no")
    )
    return tuple(
        (
            ln.date,
            ln.order_no,
            ln.line_no,
            _code(ln.customer),
            _code(ln.rep),
            ln.quantity,
            ln.unit,
            ln.amount_cny,
        )
        for ln in qs[:limit]
    )


LINE_COLUMNS = ("date", "order", "line", "customer", "rep", "quantity", "unit", "amount_cny")


def _revenue(scope: Scope, limit: int, key: str) -> Detail:
    data = sales.load_sales(scope)
    lines = sales.lines(data)
    adjustments = sum(a.count for a in data.adjustments_of(scope.year))
    zh, en = _year(scope)
    gross_only = key == "sales.gross"
    return Detail(
        sales.gross(data) if gross_only else sales.revenue(data),
        f"{zh}：日期在本年、状态不是“取消”的订单行（{lines} 行）"
        + ("" if gross_only else f"，减去本年的 {adjustments} 条优惠/折让"),
        f"{en}: order lines dated in the year whose status is not cancelled ({lines} lines)"
        + ("" if gross_only else f", less the year's {adjustments} adjustments"),
        lines if gross_only else lines + adjustments,
        LINE_COLUMNS,
        _lines(scope, limit),
    )


def _orders(scope: Scope, limit: int, key: str) -> Detail:
    data = sales.load_sales(scope)
    qs = (
        scope.year_lines()
        .values("order_no")
        .annotate(day=Min("date"), n=Count("id"), units=MoneyUnits("amount_cny"))
        .order_by("day", "order_no")
    )
    zh, en = _year(scope)
    return Detail(
        sales.orders(data),
        f"{zh}：非取消订单行的不同单号",
        f"{en}: distinct order numbers of the non-cancelled lines",
        sales.orders(data),
        ("order", "date", "lines", "amount_cny"),
        tuple((r["order_no"], r["day"], r["n"], units_to_money(r["units"])) for r in qs[:limit]),
    )


def _target(scope: Scope, limit: int, key: str) -> Detail:
    data = sales.load_sales(scope)
    rows = scope.targets("revenue").order_by("month").values_list("year", "month", "value")
    zh, en = _year(scope)
    value = data.targets.annual if key == "sales.target" else sales.attainment(data)
    return Detail(
        value,
        f"{zh}：销售额目标记录（年度目标；没有年度目标时为各月目标之和）",
        f"{en}: revenue target records (the annual one; else the sum of the monthly ones)",
        len(rows),
        ("year", "month", "value"),
        tuple(rows[:limit]),
    )


def _collections(scope: Scope, limit: int, key: str) -> Detail:
    payments = collections.load_payments(scope)
    qs = (
        scope.payments()
        .filter(date__gte=scope.first, date__lte=scope.last)
        .select_related("customer")
        .order_by("date", "id")
    )
    zh, en = _year(scope)
    return Detail(
        collections.collected(payments),
        f"{zh}：日期在本年的收款记录",
        f"{en}: payments dated in the year",
        payments.records,
        ("date", "payment", "customer", "order", "channel", "amount"),
        tuple(
            (p.date, p.payment_no or p.key, _code(p.customer), p.order_no, p.channel, p.amount)
            for p in qs[:limit]
        ),
    )


def _customer_totals(
    scope: Scope,
) -> tuple[dict[int | None, customers.CustomerTotals], dict[int, customers.CustomerInfo]]:
    info = customers.load_customers(scope)
    grid, aging = customers.load_grid_and_aging(scope, info)
    adjustments = customers.by_customer_adjustments(customers.load_adjustment_split(scope))
    return customers.customer_totals(grid, adjustments, aging), info


def _customer_rows(
    found: Sequence[customers.CustomerTotals],
    info: dict[int, customers.CustomerInfo],
    base: Decimal,
) -> tuple[Row, ...]:
    rows = []
    for t in found:
        c = info.get(t.customer_id or 0)
        share = ratio(t.revenue, base) if t.revenue > 0 else None
        square = (share * 100) ** 2 if share is not None else None
        rows.append(
            (c.code if c else "", c.name if c else "", t.first_day, t.revenue, share, square)
        )
    return tuple(rows)


CUSTOMER_COLUMNS = ("customer", "name", "first_purchase", "revenue", "share", "share_pct_squared")


def _customers(scope: Scope, limit: int, key: str) -> Detail:
    totals, info = _customer_totals(scope)
    base = customers.positive_base(totals)
    zh, en = _year(scope)
    chosen: list[customers.CustomerTotals]
    if key == "customers.new":
        chosen = sorted(
            customers.new(totals, scope.first),
            key=lambda t: (t.first_day or scope.first, -t.revenue),
        )
        value: Decimal | int | None = len(chosen)
        words = ("首次购买在本年的有效客户", "active customers whose first purchase is in the year")
    elif key == "customers.top5_share":
        chosen = customers.ranked(totals)[:5]
        value = customers.top5_share(totals)
        words = (
            f"销售额最大的五个客户 / 全部客户正销售额 {base}",
            f"the five largest customers / positive customer revenue {base}",
        )
    elif key == "customers.hhi":
        chosen = [t for t in customers.ranked(totals) if t.revenue > 0]
        value = customers.concentration(totals)
        words = (
            "全部正销售额客户，各自占比 × 100 的平方之和",
            "every customer with positive revenue: Σ (share × 100)²",
        )
    else:
        chosen = customers.ranked(totals)
        value = len(chosen)
        words = (
            "本年有非取消订单行的客户",
            "customers with a non-cancelled order line in the year",
        )
    return Detail(
        value,
        f"{zh}：{words[0]}",
        f"{en}: {words[1]}",
        len(chosen),
        CUSTOMER_COLUMNS,
        _customer_rows(chosen[:limit], info, base),
    )


def _visits(scope: Scope, limit: int, key: str) -> Detail:
    qs = (
        scope.activities()
        .filter(date__gte=scope.first, date__lte=scope.last)
        .select_related("rep", "customer")
        .order_by("date", "id")
    )
    zh, en = _year(scope)
    count = activity.visits(scope)
    return Detail(
        count,
        f"{zh}：日期在本年的全部拜访/跟进记录（各种方式）",
        f"{en}: activities of every kind dated in the year",
        count,
        ("date", "rep", "customer", "kind", "outcome", "next_follow_up"),
        tuple(
            (a.date, _code(a.rep), _code(a.customer), a.kind, a.outcome, a.next_follow_up)
            for a in qs[:limit]
        ),
    )


def _follow_ups(scope: Scope, limit: int, key: str) -> Detail:
    window = load_thresholds().follow_up_window_days
    found = activity.load_follow_ups(scope, window)
    missed_only = key == "activity.follow_ups_missed"
    chosen = [f for f in found if not f.kept] if missed_only else list(found)
    info = customers.load_customers(scope)
    zh, en = _year(scope)
    return Detail(
        len(chosen),
        f"{zh}：下次跟进日期在本年，或结果为拒绝/有意向、{window} 天跟进期在本年届满的记录"
        + ("；到期前该客户再无拜访" if missed_only else ""),
        f"{en}: activities whose next follow-up date, or whose {window}-day window after a rejected/"
        "interested outcome, ends in the year"
        + ("; no later activity for the customer by then" if missed_only else ""),
        len(chosen),
        ("activity", "customer", "date", "due", "outcome", "kept"),
        tuple(
            (
                f.key,
                info[f.customer_id].code if f.customer_id in info else "",
                f.day,
                f.due,
                f.outcome,
                f.kept,
            )
            for f in chosen[:limit]
        ),
    )


def _rooms(scope: Scope, limit: int, key: str) -> Detail:
    days = rooms.load_room_days(scope)
    capacity = rooms.load_capacity(scope)
    facts = rooms.room_facts(scope.year, days, capacity)
    values = {
        "rooms.adr": facts.adr,
        "rooms.occupancy": facts.occupancy,
        "rooms.revpar": facts.revpar,
    }
    qs = scope.year_lines().filter(unit=rooms.ROOM_NIGHT).order_by("date", "order_no", "line_no")
    zh, en = _year(scope)
    return Detail(
        values[key],
        f"{zh}：单位为间夜的非取消订单行（金额为 0 的免费房另计），可售房 {facts.available} 间夜",
        f"{en}: non-cancelled lines with unit room_night (zero-amount comps apart); {facts.available} room-nights available",
        sum(d.lines for d in days),
        ("date", "order", "line", "channel", "quantity", "amount_cny"),
        tuple(
            (ln.date, ln.order_no, ln.line_no, ln.channel, ln.quantity, ln.amount_cny)
            for ln in qs[:limit]
        ),
    )


def _dining(scope: Scope, limit: int, key: str) -> Detail:
    data = dining.load_dining(scope)
    facts = dining.dining_facts(data)
    values = {
        "dining.net": facts.net,
        "dining.avg_per_bill": facts.avg_per_bill,
        "dining.per_cover": facts.per_cover,
    }
    zh, en = _year(scope)
    return Detail(
        values[key],
        f"{zh}：带就餐人数的账单（{facts.bills} 张，{facts.covers} 人），金额减去账单上的优惠",
        f"{en}: bills carrying covers ({facts.bills} bills, {facts.covers} covers), amounts less their adjustments",
        facts.bills,
        ("bill", "date", "covers", "gross", "deductions", "net", "paid"),
        tuple(
            (b.order_no, b.day, b.covers, b.gross, b.deductions, b.net, b.paid)
            for b in data.bills[:limit]
        ),
    )


def _on_time(scope: Scope, limit: int, key: str) -> Detail:
    qs = scope.year_lines().filter(promised_on__isnull=False, delivered_on__isnull=False)
    total = qs.count()
    on_time = qs.filter(delivered_on__lte=F("promised_on")).count()
    zh, en = _year(scope)
    return Detail(
        ratio(on_time, total),
        f"{zh}：约定交期和实际交货日期都有的非取消订单行",
        f"{en}: non-cancelled lines with both a promised and a delivered date",
        total,
        ("order", "line", "promised_on", "delivered_on", "on_time"),
        tuple(
            (
                ln.order_no,
                ln.line_no,
                ln.promised_on,
                ln.delivered_on,
                ln.delivered_on <= ln.promised_on,
            )
            for ln in qs.order_by("date", "order_no", "line_no")[:limit]
            if ln.delivered_on is not None and ln.promised_on is not None
        ),
    )


Explainer = Callable[[Scope, int, str], Detail]
EXPLAINERS: dict[str, Explainer] = {
    "sales.revenue": _revenue,
    "sales.gross": _revenue,
    "sales.orders": _orders,
    "sales.target": _target,
    "sales.attainment": _target,
    "collections.amount": _collections,
    "customers.active": _customers,
    "customers.new": _customers,
    "customers.top5_share": _customers,
    "customers.hhi": _customers,
    "activity.visits": _visits,
    "activity.follow_ups_due": _follow_ups,
    "activity.follow_ups_missed": _follow_ups,
    "delivery.on_time_rate": _on_time,
    "rooms.adr": _rooms,
    "rooms.occupancy": _rooms,
    "rooms.revpar": _rooms,
    "dining.net": _dining,
    "dining.avg_per_bill": _dining,
    "dining.per_cover": _dining,
}


def explain(
    key: str, department: str | None, year: int, rep: str | None = None, *, limit: int = ROWS
) -> Explanation:
    """Explain one figure of a department's (or rep's) year. Unknown key → UnknownFigure."""
    if key not in EXPLAINERS:
        raise UnknownFigure(key)
    scope = rep_scope(department_named(department), year, rep)
    d = DEFINITIONS[key]
    found = EXPLAINERS[key](scope, limit, key)
    return Explanation(
        key=key,
        label_zh=d.label_zh,
        label_en=d.label_en,
        unit=d.unit,
        definition_zh=d.definition_zh,
        definition_en=d.definition_en,
        filter_zh=found.filter_zh,
        filter_en=found.filter_en,
        value=found.value,
        records=found.records,
        columns=found.columns,
        rows=found.rows,
    )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value == value.to_integral_value() else f"{value:f}"
    return str(value).replace("|", "\\|")


def render_explanation(e: Explanation, lang: str = "zh", rows: int = ROWS) -> str:
    """The explanation as Markdown text: definition, filter, value, record count, first rows."""
    zh = lang == "zh"
    value = by_unit(e.value, e.unit if e.unit != "number" else "number", lang)
    lines = [
        f"# {e.key} — {e.label_zh if zh else e.label_en}",
        "",
        f"- {'定义' if zh else 'Definition'}: {e.definition_zh if zh else e.definition_en}",
        f"- {'筛选' if zh else 'Filter'}: {e.filter_zh if zh else e.filter_en}",
        f"- {'数值' if zh else 'Value'}: {value}",
        f"- {'记录数' if zh else 'Records'}: {e.records:,}",
    ]
    shown = e.rows[:rows]
    if shown:
        lines += ["", "| " + " | ".join(e.columns) + " |", "|" + "---|" * len(e.columns)]
        lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in shown]
        if e.records > len(shown):
            more = e.records - len(shown)
            lines.append("")
            lines.append(f"……另有 {more:,} 条" if zh else f"… {more:,} more")
    return "\n".join(lines) + "\n"
