"""Findings of the concrete department's own facts.

Order-form errors are already a finding of every department (`ops_rules.form_errors`: count and
cost); the concrete section adds their list and their share of pour orders rather than a second
finding on the same money. What only this pack can show is which customers do not pay:
customers whose 回款率 is below `customer_collection_rate_min` and who owe at least
`customer_aged_min` more than 90 days past due.
"""

from __future__ import annotations

from salesdesk.findings.settings import Thresholds
from salesdesk.findings.text import listing, pct, yuan
from salesdesk.metrics.ratios import ZERO
from salesdesk.report.summary import AccountRow, ConcreteFacts, Finding


def slow_payers(facts: ConcreteFacts, t: Thresholds) -> list[AccountRow]:
    """Customers below the 回款率 threshold with a large 90+ receivable, largest 90+ first."""
    found = [
        r
        for r in facts.customers
        if r.rate is not None
        and r.rate < t.customer_collection_rate_min
        and r.aged() >= t.customer_aged_min
        and r.aged() > 0
    ]
    return sorted(found, key=lambda r: (-r.aged(), r.code))


def _one(r: AccountRow, zh: bool) -> str:
    if zh:
        return f"{r.name}（{r.code}）回款率 {pct(r.rate)}，逾期 90 天以上 {yuan(r.aged())}"
    return f"{r.name} ({r.code}): collection rate {pct(r.rate)}, {yuan(r.aged())} over 90 days"


def slow_paying_customers(facts: ConcreteFacts, t: Thresholds) -> list[Finding]:
    rows = slow_payers(facts, t)
    if not rows:
        return []
    aged = sum((r.aged() for r in rows), ZERO)
    owed = sum((r.receivable for r in rows), ZERO)
    limit = pct(t.customer_collection_rate_min)
    return [
        Finding(
            kind="shortfall",
            code="slow_paying_customers",
            text_zh=f"{len(rows)} 户客户回款率低于 {limit} 且逾期 90 天以上应收款较大，合计应收 {yuan(owed)}，其中逾期 90 天以上 {yuan(aged)}：{listing([_one(r, True) for r in rows], limit=3, sep='；')}。",
            text_en=f"Slow payers (collection rate below {limit}, large receivables over 90 days): {len(rows)}, owing {yuan(owed)}, {yuan(aged)} of it over 90 days ({listing([_one(r, False) for r in rows], limit=3, sep='; ')}).",
            evidence={
                "customers": [r.code for r in rows],
                "rate": {r.code: r.rate for r in rows},
                "aged_90_amount": aged,
                "receivable": owed,
            },
            at_stake=aged,
            records=tuple(r.code for r in rows),
            action_zh="对回款率低、逾期 90 天以上欠款大的客户逐户对账、签订还款计划，未按计划回款前暂停供砼。",
            action_en="Reconcile the account of every slow payer with large debts over 90 days, agree a repayment schedule, and stop deliveries until it is kept.",
        )
    ]


def findings(facts: ConcreteFacts, t: Thresholds) -> list[Finding]:
    return slow_paying_customers(facts, t)
