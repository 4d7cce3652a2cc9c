"""`salesdesk whatif fob` as a user runs it: text in both languages, JSON, refusals."""

from __future__ import annotations

import json

SCENARIO = (
    "whatif",
    "fob",
    "--cost",
    "113",
    "--fob",
    "20",
    "--fx-from",
    "7",
    "--fx-to",
    "6.4",
    "--rebate-from",
    "11%",
    "--rebate-to",
    "0.05",
)


def test_json_has_the_hand_computed_figures(salesdesk):
    done = salesdesk(*SCENARIO, "--format", "json")
    facts = json.loads(done.stdout)
    # margin 20 × 7 − 113 + 11 = 38; new FOB (38 + 113 − 5) / 6.4 = 22.8125 → 22.81
    assert facts["margin"] == 38
    assert (facts["fob_from"], facts["fob_to"], facts["fob_change"]) == (20, 22.81, 0.1406)
    assert (facts["refund_from"], facts["refund_to"]) == (11, 5)
    assert [row["markup"] for row in facts["retail"]] == [3, 4, 5, 6, 7, 8]
    low, high = facts["retail"][0], facts["retail"][-1]
    assert (low["old"], low["new"], low["change"]) == (60, 68.44, 8.44)
    assert (low["change_of_fob"], low["change_of_retail"]) == (0.4219, 0.1406)
    assert (high["old"], high["new"], high["change"], high["change_of_fob"]) == (
        160,
        182.5,
        22.5,
        1.125,
    )
    assert not salesdesk.db.exists()  # a what-if never touches the database


def test_text_shows_the_seed_reading_in_chinese_and_english(salesdesk):
    seed = ("--fx-from", "6", "--fx-to", "6", "--markup", "3..8")
    zh = salesdesk(*SCENARIO, *seed).stdout
    assert "FOB 单价: 20.00 → 21.00  (+5.00%)" in zh
    assert "“零售价要涨 +15.00%–+40.00%”是把零售价的涨价额折算为原 FOB 的百分比" in zh
    en = salesdesk(*SCENARIO, *seed, "--lang", "en").stdout
    assert "FOB price: 20.00 → 21.00  (+5.00%)" in en
    assert "rises by the FOB's +5.00%" in en
    eight = next(line for line in en.splitlines() if line.strip().startswith("8×"))
    assert eight.split() == ["8×", "160.00", "168.00", "+8.00", "+40.00%", "+5.00%"]


def test_margin_rate_instead_of_fob(salesdesk):
    args = [a for a in SCENARIO if a not in ("--fob", "20")]
    facts = json.loads(salesdesk(*args, "--margin", "20%", "--format", "json").stdout)
    assert (facts["fob_from"], facts["fob_to"], facts["margin"]) == (18.21, 20.86, 25.5)


def test_refusals_exit_2_with_the_reason(salesdesk):
    both = salesdesk(*SCENARIO, "--margin", "0.2", check_exit=2)
    assert "只能给一个" in both.stderr
    rebate = salesdesk(*SCENARIO, "--rebate-to", "15%", "--lang", "en", check_exit=2)
    assert "the rebate rate 0.15 must be from 0 to the VAT rate 0.13" in rebate.stderr
    bad = salesdesk(*SCENARIO, "--markup", "3..x", check_exit=2)
    assert "Invalid value for '--markup'" in bad.stderr
