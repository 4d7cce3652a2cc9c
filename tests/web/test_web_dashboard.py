"""The dashboard shows the report's own figures (build_summary), cached until the data change."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from salesdesk.records.models import Activity, OrderLine, Rep
from salesdesk.report import format as fmt
from salesdesk.report.build import build_summary
from salesdesk.web.front import cache as summary_cache

pytestmark = pytest.mark.django_db
YEAR = 2025


def _tiles(response) -> dict[str, str]:
    return {t.key: t.value for t in response.context["board"].tiles}


@pytest.fixture
def manager(demo, make_user):
    return make_user("manager", "manager", department=demo["export"])


def test_the_dashboard_defaults_to_the_latest_year_with_records(demo, manager, login):
    response = login(manager).get(reverse("front:dashboard"))
    assert response.status_code == 200
    assert response.context["sel"].year == YEAR
    assert response.context["sel"].department == demo["export"]


def test_department_figures_equal_build_summary(demo, manager, login):
    summary = build_summary(demo["export"].name, YEAR)
    response = login(manager).get(reverse("front:dashboard"), {"year": YEAR})
    tiles = _tiles(response)
    assert tiles["sales.revenue"] == fmt.money(summary.sales.revenue)
    assert tiles["sales.target"] == fmt.money(summary.sales.target)
    assert tiles["sales.attainment"] == fmt.percent(summary.sales.attainment)
    assert tiles["collections.amount"] == fmt.money(summary.collections.amount)
    assert tiles["collections.closing_receivables"] == fmt.money(
        summary.collections.closing_receivables
    )
    html = response.content.decode()
    for value in (tiles["sales.revenue"], tiles["sales.attainment"], tiles["collections.amount"]):
        assert value in html
    board = response.context["board"]
    assert [row.code for row in board.leaders] == [r.rep for r in summary.reps.rows]
    assert [f.text for f in board.findings] == [f.text_zh for f in summary.findings[:5]]
    bars = board.chart["series"][0]["data"]
    assert bars == [float(fmt.round_money(m.revenue)) for m in summary.sales.by_month]


def test_the_cached_summary_is_the_built_summary(demo):
    cached = summary_cache.cached_summary(demo["export"], YEAR)
    built = build_summary(demo["export"].name, YEAR)
    assert cached is not None
    assert cached.sales == built.sales
    assert cached.collections == built.collections
    assert cached.reps == built.reps
    assert cached.findings == built.findings


def test_a_reps_dashboard_is_their_personal_summary(demo, make_user, login):
    rep = Rep.objects.get(department=demo["export"], code="E03")
    summary = build_summary(demo["export"].name, YEAR, rep="E03")
    response = login(make_user("e03", "rep", rep=rep)).get(reverse("front:dashboard"))
    tiles = _tiles(response)
    assert tiles["sales.revenue"] == fmt.money(summary.sales.revenue)
    assert tiles["sales.attainment"] == fmt.percent(summary.sales.attainment)
    assert tiles["collections.amount"] == fmt.money(summary.collections.amount)
    assert response.context["show_leaders"] is False
    assert "业务员排行" not in response.content.decode()


def test_a_manager_can_look_at_one_rep(demo, manager, login):
    summary = build_summary(demo["export"].name, YEAR, rep="E02")
    response = login(manager).get(reverse("front:dashboard"), {"rep": "E02", "year": YEAR})
    assert _tiles(response)["sales.revenue"] == fmt.money(summary.sales.revenue)


def test_the_hotel_shows_occupancy_and_adr(demo, make_user, login):
    summary = build_summary(demo["hotel"].name, YEAR)
    assert summary.rooms is not None
    viewer = make_user("boss", "viewer")
    response = login(viewer).get(reverse("front:dashboard"), {"department": demo["hotel"].pk})
    rooms = {t.key: t.value for t in response.context["board"].rooms}
    assert rooms["rooms.occupancy"] == fmt.percent(summary.rooms.occupancy)
    assert rooms["rooms.adr"] == fmt.money(summary.rooms.adr)
    # 10 paid room-nights (the 2 free ones are comps) for 2,880 元; 310 rooms on offer
    assert summary.rooms.adr == Decimal(288)
    assert rooms["rooms.occupancy"] in response.content.decode()


def test_the_summary_is_built_once_per_data_version(demo, manager, login, monkeypatch):
    built: list[tuple[str, int]] = []
    real = summary_cache.build_summary

    def counting(name, year, **kwargs):
        built.append((name, year))
        return real(name, year, **kwargs)

    monkeypatch.setattr(summary_cache, "build_summary", counting)
    client = login(manager)
    url = reverse("front:dashboard")
    client.get(url, {"year": YEAR})
    client.get(url, {"year": YEAR})
    assert len(built) == 1

    line = OrderLine.objects.filter(department=demo["export"], date__year=YEAR).first()
    line.amount_cny += 1000
    line.save()  # an in-place edit (as in the Django admin)
    response = client.get(url, {"year": YEAR})
    assert len(built) == 2
    expected = build_summary(demo["export"].name, YEAR).sales.revenue
    assert _tiles(response)["sales.revenue"] == fmt.money(expected)

    Activity.objects.create(
        department=demo["export"],
        key="new|1",
        date=line.date,
        rep=line.rep,
        customer=line.customer,
        kind="call",
    )  # a new row
    client.get(url, {"year": YEAR})
    assert len(built) == 3


def test_an_import_changes_the_data_version(demo, tmp_path):
    from salesdesk.ingest.importer import import_file

    before = summary_cache.data_version(demo["export"])
    line = OrderLine.objects.filter(department=demo["export"]).order_by("pk").first()
    path = tmp_path / "fix.csv"
    path.write_text(
        "order,line,date,quantity,amount\n"
        f"{line.order_no},{line.line_no},{line.date},{line.quantity},{line.amount + 1}\n",
        encoding="utf-8",
    )
    result = import_file(str(path), "orders", department=demo["export"].name)
    assert result.updated == 1
    assert summary_cache.data_version(demo["export"]) != before


def test_a_year_without_records_says_so(demo, manager, login):
    response = login(manager).get(reverse("front:dashboard"), {"year": 2001})
    assert response.status_code == 200
    assert response.context["board"] is None
    assert "这一年度还没有任何记录" in response.content.decode()


def test_the_dashboard_speaks_english_on_request(demo, manager, login):
    client = login(manager)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("front:dashboard"), {"year": YEAR})
    html = response.content.decode()
    summary = build_summary(demo["export"].name, YEAR)
    assert "Overview" in html and "Monthly revenue" in html
    assert _tiles(response)["sales.revenue"] == fmt.money(summary.sales.revenue, "en")
    labels = {t.key: t.label for t in response.context["board"].tiles}
    assert labels["sales.revenue"] == "Revenue (net)"
