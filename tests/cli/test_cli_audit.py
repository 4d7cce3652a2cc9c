"""`salesdesk audit --since DATE`: the real command, in a subprocess, on a temporary database.

o1.csv: A1 = 2 × 100 = 200; o2.csv corrects it to 3 × 100 = 300 (quantity 2 → 3, amount and
CNY amount 200 → 300). Both run as the OS user "auditor" (LOGNAME/USER, what getpass reads).
"""

from __future__ import annotations

import json

AS_AUDITOR = {"LOGNAME": "auditor", "USER": "auditor", "LNAME": "auditor", "USERNAME": "auditor"}


def _files(tmp_path):
    header = "单号,日期,数量,单价\n"
    (tmp_path / "o1.csv").write_text(header + "A1,2025-01-02,2,100\n", encoding="utf-8")
    (tmp_path / "o2.csv").write_text(header + "A1,2025-01-02,3,100\n", encoding="utf-8")


def test_audit_lists_imports_updates_and_reopen(salesdesk, tmp_path):
    _files(tmp_path)
    salesdesk("department", "add", "出口部", "--kind", "export")
    salesdesk("import", "orders", "o1.csv", env=AS_AUDITOR)
    salesdesk("import", "orders", "o2.csv", env=AS_AUDITOR)
    salesdesk("import", "orders", "o2.csv", env=AS_AUDITOR)  # unchanged: nothing new logged
    salesdesk("close", "--year", "2025", "--by", "经理")
    salesdesk("reopen", "--year", "2025", "--reason", "补录漏单", "--by", "admin")
    done = salesdesk("audit", "--since", "2000-01-01", "--format", "json")
    rows = [
        (r["who"], r["kind"], r["record"], r["action"], r["changes"], r["file"], r["note"])
        for r in json.loads(done.stdout)
    ]
    assert rows == [
        ("auditor", "orders", "o1.csv", "import", [], "o1.csv", "新增 1，更新 0，未变 0，拒绝 0"),
        ("auditor", "orders", "o2.csv", "import", [], "o2.csv", "新增 0，更新 1，未变 0，拒绝 0"),
        (
            "auditor",
            "orders",
            "A1#1",
            "update",
            [
                {"field": "quantity", "before": "2.0000", "after": "3.0000"},
                {"field": "amount", "before": "200.0000", "after": "300.0000"},
                {"field": "amount_cny", "before": "200.0000", "after": "300.0000"},
            ],
            "o2.csv",
            "",
        ),
        ("经理", "year", "2025", "close", [], "", ""),
        ("admin", "year", "2025", "reopen", [], "", "原因：补录漏单"),
    ]


def test_audit_table_in_chinese_and_english(salesdesk, tmp_path):
    _files(tmp_path)
    salesdesk("department", "add", "出口部", "--kind", "export")
    salesdesk("import", "orders", "o1.csv", env=AS_AUDITOR)
    salesdesk("import", "orders", "o2.csv", env=AS_AUDITOR)
    table = salesdesk("audit", "--since", "2000-01-01", "--kind", "订单").stdout.splitlines()
    assert table[0] == "时间\t操作人\t部门\t类型\t记录\t操作\t修改内容\t导入文件"
    assert table[3].split("\t")[1:] == [
        "auditor",
        "出口部",
        "orders",
        "A1#1",
        "修改",
        "数量: 2 → 3; 金额: 200 → 300; 人民币金额: 200 → 300",
        "o2.csv",
    ]
    english = salesdesk("audit", "--since", "2000-01-01", "--lang", "en").stdout.splitlines()
    assert english[0] == "time\tby\tdepartment\tkind\trecord\taction\tchanges\tfile"
    assert english[3].split("\t")[5:7] == [
        "changed",
        "quantity: 2 → 3; amount: 200 → 300; amount_cny: 200 → 300",
    ]


def test_audit_of_a_quiet_period_and_a_bad_kind(salesdesk):
    salesdesk("department", "add", "出口部")
    quiet = salesdesk("audit", "--since", "2000-01-01", "--until", "2000-12-31")
    assert quiet.stdout.strip() == "2000-01-01 以来没有审计记录。"
    bad = salesdesk("audit", "--since", "2000-01-01", "--kind", "nonsense", check_exit=2)
    assert "--kind" in bad.stderr
    missing = salesdesk("audit", "--since", "2000-01-01", "--department", "无此部门", check_exit=1)
    assert "无此部门" in missing.stderr
