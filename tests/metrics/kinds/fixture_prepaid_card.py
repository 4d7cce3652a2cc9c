"""The prepaid-card fixture: `card_team` (tests/metrics/fixture_dept.py) with lead sources and four
more leads, every figure worked out by hand below (the tests repeat the arithmetic).

The team (预付卡销售部, reps S1–S5 without hire dates) starts with its first activity on
15 Oct 2024, so it exists for 3 months (Oct–Dec) and each rep for the working days from
15 Oct to 31 Dec 2024: Oct 15–31 = 13 (4 + 5 + 4), Nov = 21, Dec = 22 → 56; five reps → 280.

Leads (first activity, its rep, source as written → code; activities; interest; sale):

=====  ===========  ====  ==================  ========  =========================  =========
lead   first        rep   source              contacts  interested                 sold
=====  ===========  ====  ==================  ========  =========================  =========
K1     15 Oct       S1    黄页 → yellow_pages  2         no (rejected 20 Oct)       no
K2     21 Oct       S2    陌拜 → cold_visit    2         yes, by its sale           K-3 5 Dec
K3     1 Nov        S3    邮寄 → mailing       2         yes (1 Nov)                K-2 10 Nov
K4     18 Nov       S4    陌生拜访 → cold_visit 1        no (rejected 18 Nov)       no
K5     19 Nov       S5    cold_visit          2         yes (19 Nov)               no
K6     4 Nov        S1    转介绍 → referral    2         yes (4 Nov, deal 15 Nov)   K-4 15 Nov
K7     5 Dec        S2    老客户介绍 → referral 2        yes (5 Dec, deal 12 Dec)   K-5 12 Dec
=====  ===========  ====  ==================  ========  =========================  =========

Funnel 7 → 5 → 4. Sources: cold_visit 3 leads, 5 contacts, 2 interested, 1 sold; referral 2, 4,
2, 2; mailing 1, 2, 1, 1; yellow_pages 1, 2, 0, 0 — 13 contacts on leads in all.
Visits 17: the ten of card_team (four without a customer) + K4 1 + K5 2 + K6 2 + K7 2.
Rejections 3: K1 20 Oct (S1, never again), K2 21 Oct (S2, called 30 Oct: followed),
K4 18 Nov (S4, never again).
Cards (unit card): K-1 20 Oct 10 × 100 (S3, K3), K-2 10 Nov 5 × 100 (S3, K3), K-3 5 Dec 15 × 100
(S2, K2), K-4 15 Nov 20 × 500 (S1, K6), K-5 12 Dec 10 × 200 (S2, K7) → 60 cards, ¥15,000.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fixture_dept import card_team, line, visit

from salesdesk.records.models import Customer, Department, Rep

PREPAID_NAME = "预付卡销售部"
SOURCES = {"K1": "黄页", "K2": "陌拜", "K3": "邮寄"}
NEW_LEADS = {"K4": "陌生拜访", "K5": "cold_visit", "K6": "转介绍", "K7": "老客户介绍"}


def prepaid_team() -> Department:
    """card_team plus the sources and leads K4–K7 of the module docstring."""
    dept = card_team()
    for code, source in SOURCES.items():
        Customer.objects.filter(department=dept, code=code).update(source=source)
    k = {
        code: Customer.objects.create(
            department=dept, key=code, code=code, name=f"客户{code[1:]}", source=source
        )
        for code, source in NEW_LEADS.items()
    }
    s1, s2, s4, s5 = (Rep.objects.get(department=dept, code=c) for c in ("S1", "S2", "S4", "S5"))
    visit(dept, date(2024, 11, 18), s4, k["K4"], kind="cold_visit", outcome="rejected")
    visit(dept, date(2024, 11, 19), s5, k["K5"], kind="cold_visit", outcome="interested")
    visit(dept, date(2024, 11, 25), s5, k["K5"], outcome="pending")
    visit(dept, date(2024, 11, 4), s1, k["K6"], outcome="interested")
    visit(dept, date(2024, 11, 15), s1, k["K6"], outcome="deal")
    visit(dept, date(2024, 12, 5), s2, k["K7"], outcome="interested")
    visit(dept, date(2024, 12, 12), s2, k["K7"], outcome="deal")
    line(dept, "K-4", 1, date(2024, 11, 15), "20", "500", customer=k["K6"], rep=s1, unit="card")
    line(dept, "K-5", 1, date(2024, 12, 12), "10", "200", customer=k["K7"], rep=s2, unit="card")
    return dept
