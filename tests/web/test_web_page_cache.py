"""What the dashboard keeps between requests (per data version: the years, the reps, the
follow-up lists, the stored summary's stamp) is current on the very next request after a write."""

from __future__ import annotations

import socket
import sys
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from salesdesk.records.models import Activity, Customer, Department, OrderLine, Rep
from salesdesk.report import format as fmt
from salesdesk.report.build import build_summary
from salesdesk.web.access import department_choices
from salesdesk.web.accounts.models import Profile
from salesdesk.web.server import PortInUse, ServerOptions, check_port_free

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def rep(demo) -> Rep:
    return Rep.objects.get(department=demo["export"], code="E02")


@pytest.fixture
def manager(demo, make_user):
    return make_user("manager", "manager", department=demo["export"])


def _due_today(client) -> list[str]:
    due = client.get(reverse("front:dashboard")).context["due"]
    return [d.customer_name for d in due.due_today]


def test_a_visit_logged_on_the_web_shows_on_the_next_dashboard(rep, make_user, manager, login):
    rep_client = login(make_user("e02", "rep", rep=rep))
    boss = login(manager)
    customer = Customer.objects.filter(owner=rep).order_by("code").first()
    assert customer.name not in _due_today(rep_client)
    assert customer.name not in _due_today(boss)  # both lists are now kept

    today = timezone.localdate()
    response = rep_client.post(
        reverse("front:visit_new"),
        {
            "kind": "call",
            "date": (today - timedelta(days=1)).isoformat(),
            "customer": customer.pk,
            "customer_name": customer.name,
            "outcome": "pending",
            "next_follow_up": today.isoformat(),
        },
    )
    assert response.status_code == 302
    assert customer.name in _due_today(rep_client)
    assert customer.name in _due_today(boss)


def test_a_follow_up_moved_in_place_moves_on_the_next_request(rep, manager, login):
    client = login(manager)
    today = timezone.localdate()
    customer = Customer.objects.filter(owner=rep).order_by("code").first()
    visit = Activity.objects.create(
        department=rep.department,
        key="cache|1",
        date=today - timedelta(days=2),
        rep=rep,
        customer=customer,
        kind="visit",
        outcome="pending",
        next_follow_up=today,
    )
    assert customer.name in _due_today(client)
    visit.next_follow_up = today + timedelta(days=3)
    visit.save()  # as in the Django admin: no new row, the edition counter moves
    due = client.get(reverse("front:dashboard")).context["due"]
    assert customer.name not in [d.customer_name for d in due.due_today]
    assert visit.pk in [d.activity_id for d in due.upcoming]


def test_the_reps_to_pick_follow_the_records(demo, manager, login):
    client = login(manager)
    url = reverse("front:dashboard")
    codes = [r.code for r in client.get(url).context["sel"].reps]
    assert "Z99" not in codes
    new = Rep.objects.create(department=demo["export"], key="Z99", code="Z99", name="新人")
    assert [r.code for r in client.get(url).context["sel"].reps] == sorted([*codes, "Z99"])
    assert client.get(url, {"rep": "Z99"}).context["sel"].rep == new

    new.name = "改名"
    new.save()
    picked = client.get(url, {"rep": "Z99"}).context["sel"].rep
    assert picked.name == "改名"
    assert "改名" in client.get(url).content.decode()


def test_the_selection_form_names_every_department_as_it_is_now(demo, make_user, login):
    client = login(make_user("boss", "viewer"))
    url = reverse("front:dashboard")
    params = {"department": demo["export"].pk}
    assert demo["team"].name in client.get(url, params).content.decode()
    team = Department.objects.get(pk=demo["team"].pk)  # not the module's shared object
    team.name = "华南销售部（改）"
    team.save()  # another department than the one shown: its data version does not move
    assert "华南销售部（改）" in client.get(url, params).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert ">Department" in client.get(url, params).content.decode()


def test_a_rep_outside_the_department_is_still_not_found(demo, manager, login):
    client = login(manager)
    other = Rep.objects.filter(department=demo["team"]).order_by("code").first()
    assert other.code not in {r.code for r in Rep.objects.filter(department=demo["export"])}
    response = client.get(reverse("front:dashboard"), {"rep": other.code})
    assert response.status_code == 404


def test_a_record_in_another_year_adds_the_year(demo, manager, login):
    client = login(manager)
    url = reverse("front:dashboard")
    years = client.get(url).context["sel"].years
    earlier = min(years) - 3
    line = OrderLine.objects.filter(department=demo["export"]).order_by("pk").first()
    OrderLine.objects.create(
        department=demo["export"],
        key="cache-year#1",
        order_no="cache-year",
        line_no=1,
        date=date(earlier, 5, 1),
        customer=line.customer,
        rep=line.rep,
        quantity=1,
        unit_price=Decimal(10),
        amount=Decimal(10),
        amount_cny=Decimal(10),
    )
    assert min(client.get(url).context["sel"].years) == earlier


def test_an_import_shows_on_the_next_dashboard(demo, manager, login, tmp_path):
    from salesdesk.ingest.importer import import_file

    client = login(manager)
    url = reverse("front:dashboard")
    client.get(url, {"year": YEAR})
    line = OrderLine.objects.filter(department=demo["export"], date__year=YEAR).first()
    path = tmp_path / "more.csv"
    path.write_text(
        "order,line,date,customer,rep,quantity,amount\n"
        f"CACHE-1,1,{line.date},{line.customer.code},{line.rep.code},1,98765\n",
        encoding="utf-8",
    )
    assert import_file(str(path), "orders", department=demo["export"].name).added == 1
    response = client.get(url, {"year": YEAR})
    revenue = build_summary(demo["export"].name, YEAR).sales.revenue
    tiles = {t.key: t.value for t in response.context["board"].tiles}
    assert response.context["shown"].current
    assert tiles["sales.revenue"] == fmt.money(revenue)


def test_a_role_changed_applies_on_the_next_request(rep, manager, login):
    client = login(manager)
    assert client.get(reverse("front:dashboard")).context["show_leaders"] is True
    Profile.objects.filter(user=manager).update(role="rep", rep=rep)
    response = client.get(reverse("front:dashboard"))
    assert response.context["show_leaders"] is False
    assert response.context["sel"].rep == rep


def test_a_warm_dashboard_asks_four_queries(manager, login):
    client = login(manager)
    url = reverse("front:dashboard")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # the session, the user, the profile with its department and rep, the data version
    assert len(queries.captured_queries) == 4, [q["sql"][:80] for q in queries]


def test_a_manager_picks_from_their_department_without_a_query(demo, manager, make_user):
    from salesdesk.web.access import reach

    reach(manager)
    with CaptureQueriesContext(connection) as queries:
        assert department_choices(manager) == (demo["export"],)
    assert not queries.captured_queries
    viewer = make_user("boss", "viewer")
    assert {d.name for d in department_choices(viewer)} >= {
        demo["export"].name,
        demo["team"].name,
    }


def test_serve_refuses_a_port_already_listened_on():
    with socket.socket() as holder:
        # as a worker of another `salesdesk serve` would: sharing the port is allowed
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        options = ServerOptions("127.0.0.1", port, 2, 4, 60)
        assert options.gunicorn()["reuse_port"] is sys.platform.startswith("linux")
        with pytest.raises(PortInUse, match=str(port)):
            check_port_free(options)
    check_port_free(options)  # closed: free again
