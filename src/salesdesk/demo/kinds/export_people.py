"""The export department's reps and overseas buyers (Japanese chains, US and European importers)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from salesdesk.demo.people import Customer, Rep
from salesdesk.demo.sampling import chance

MANAGER = "Grace 陈"
# Which order types each kind of buyer places.
BUYER_KINDS = {
    "retail_chain": ("regular", "promo", "own", "odm"),
    "promo_agency": ("gift", "promo"),
    "brand": ("oem", "odm"),
}
TIER_WEIGHT = {"VIP": 6.0, "A": 2.5, "B": 1.2, "C": 0.5}
MARKETS = {  # market: (region label, country codes, owners)
    "JP": ("日本", ("JP",), ("E05", "E07")),
    "US": ("北美", ("US", "US", "CA"), ("E02", "E04")),
    "EU": ("欧洲", ("NL", "DE", "FR", "IT", "GB"), ("E03", "E06")),
}
KEY_ACCOUNTS = (  # code, name, market, country, owner
    ("JP001", "日本城 Japan Home Centre", "JP", "JP", "E05"),
    ("JP002", "Cainz Home Co., Ltd.", "JP", "JP", "E05"),
    ("EU001", "Jumbo Retail B.V.", "EU", "NL", "E03"),
    ("US001", "ValueMart Stores Inc.", "US", "US", "E02"),
)
NAME_PARTS = {
    "JP": (
        (
            "Sakura",
            "Fuji",
            "Hikari",
            "Midori",
            "Yamato",
            "Aoi",
            "Kaede",
            "Hoshi",
            "Kawa",
            "Tsubaki",
        ),
        ("Trading Co., Ltd.", "Home K.K.", "Shoji Co., Ltd.", "Retail Inc.", "Lifestyle K.K."),
    ),
    "US": (
        ("Lakeside", "Pioneer", "Bluebird", "Summit", "Harbor", "Redwood", "Prairie", "Liberty"),
        ("Imports LLC", "Stores Inc.", "Promotions Inc.", "Brands Corp.", "Housewares LLC"),
    ),
    "EU": (
        ("Nordhaus", "Van Dijk", "Bellavita", "Maison Claire", "Kruger", "Linde", "Oakfield"),
        ("GmbH", "B.V.", "S.r.l.", "SARL", "Ltd."),
    ),
}


@dataclass(frozen=True)
class Buyer:
    customer: Customer
    market: str
    currency: str
    terms: str  # lc (letter of credit) or tt (transfer)
    first: date  # first day it may order
    last: date | None  # last day it may order (lost, or left with Nico)

    @property
    def code(self) -> str:
        return self.customer.code

    @property
    def owner(self) -> str:
        return self.customer.owner

    @property
    def kind(self) -> str:
        return self.customer.kind

    @property
    def weight(self) -> float:
        return TIER_WEIGHT[self.customer.tier]

    def buys_on(self, day: date) -> bool:
        return self.first <= day and (self.last is None or day <= self.last)


def reps(year: int) -> list[Rep]:
    """Eight reps: Nico leaves on 30 September; Yuki, who speaks Japanese, joins on 1 July."""
    rows = (
        ("E01", "Nico 林妮", "日本", date(year - 11, 3, 3), date(year, 9, 30)),
        ("E02", "Amy 黄敏", "北美", date(year - 9, 5, 9), None),
        ("E03", "Kelly 何嘉怡", "欧洲", date(year - 8, 2, 20), None),
        ("E04", "Jason 梁志豪", "北美", date(year - 7, 8, 1), None),
        ("E05", "Vivian 郑慧", "日本", date(year - 10, 6, 15), None),
        ("E06", "Tony 罗子健", "欧洲", date(year - 5, 4, 1), None),
        ("E07", "Coco 吴可", "日本", date(year - 1, 3, 4), None),
        ("E08", "Yuki 周雪", "日本", date(year, 7, 1), None),
    )
    return [Rep(c, n, "出口部", t, h, left, MANAGER) for c, n, t, h, left in rows]


def buyers(year: int, rng: Random) -> list[Buyer]:
    found = [_key_account(row, year) for row in KEY_ACCOUNTS]
    for market, count in (("JP", 18), ("US", 16), ("EU", 16)):
        found.extend(_market_buyers(market, count, year, rng))
    found.extend(_nico_buyers(year))
    found.extend(_new_buyers(year, rng))
    return found


def _key_account(row: tuple[str, str, str, str, str], year: int) -> Buyer:
    code, name, market, country, owner = row
    customer = Customer(
        code,
        name,
        owner,
        "retail_chain",
        MARKETS[market][0],
        country,
        "VIP",
        "广交会",
        date(year - 13, 4, 20),
    )
    currency = "JPY" if market == "JP" else "USD"
    return Buyer(
        customer, market, currency, "tt" if market == "JP" else "lc", date(year - 1, 1, 1), None
    )


def _market_buyers(market: str, count: int, year: int, rng: Random) -> list[Buyer]:
    names = _names(market, 0, count)
    kinds = ("retail_chain", "retail_chain", "promo_agency", "brand")
    found = []
    for i, name in enumerate(names):
        lost = i < 2 if market != "JP" else i == 0  # stopped ordering after last year
        customer = _customer(f"{market}{i + 10:03d}", name, kinds[i % 4], market, i, year, rng)
        last = date(year - 1, 12, 31) if lost else None
        found.append(
            Buyer(
                customer,
                market,
                _currency(market, rng),
                _terms(market, customer.kind, rng),
                date(year - 1, 1, 1),
                last,
            )
        )
    return found


def _customer(
    code: str, name: str, kind: str, market: str, i: int, year: int, rng: Random
) -> Customer:
    """A market's i-th established buyer, owned in turn by the market's reps."""
    region, countries, owners = MARKETS[market]
    tier = rng.choice(("A", "A", "B", "B", "B", "C"))
    since = date(year - rng.randint(3, 12), rng.randint(1, 12), 1)
    source = rng.choice(("广交会", "老客户介绍", "阿里巴巴国际站", "香港礼品展"))
    return Customer(
        code,
        name,
        owners[i % len(owners)],
        kind,
        region,
        rng.choice(countries),
        tier,
        source,
        since,
    )


def _nico_buyers(year: int) -> list[Buyer]:
    """Nico's own Japanese accounts: they stop ordering when she leaves on 30 September."""
    kinds = (
        "retail_chain",
        "promo_agency",
        "brand",
        "retail_chain",
        "promo_agency",
        "retail_chain",
    )
    names = _names("JP", 18, len(kinds))
    found = []
    for i, (name, kind) in enumerate(zip(names, kinds, strict=True)):
        tier = "A" if i < 3 else "B"
        customer = Customer(
            f"JP{i + 50:03d}",
            name,
            "E01",
            kind,
            "日本",
            "JP",
            tier,
            "老客户介绍",
            date(year - 10 + i, 5, 1),
        )
        found.append(Buyer(customer, "JP", "JPY", "tt", date(year - 1, 1, 1), date(year, 9, 30)))
    return found


def _new_buyers(year: int, rng: Random) -> list[Buyer]:
    """New accounts of the year: Yuki's Japanese buyers from August, two others in spring."""
    rows = (
        ("JP070", "Hinode Lifestyle K.K.", "retail_chain", "JP", "E08", date(year, 8, 1)),
        ("JP071", "Komorebi Shoji Co., Ltd.", "promo_agency", "JP", "E08", date(year, 9, 1)),
        ("JP072", "Nagomi Home K.K.", "retail_chain", "JP", "E08", date(year, 10, 1)),
        ("US070", "Cedar Point Promotions Inc.", "promo_agency", "US", "E04", date(year, 3, 1)),
        ("EU070", "Hofmann Haushalt GmbH", "brand", "EU", "E06", date(year, 5, 1)),
    )
    found = []
    for code, name, kind, market, owner, first in rows:
        customer = Customer(
            code, name, owner, kind, MARKETS[market][0], _country(market), "C", "展会开发", first
        )
        found.append(
            Buyer(customer, market, _currency(market, rng), _terms(market, kind, rng), first, None)
        )
    return found


def _names(market: str, start: int, count: int) -> list[str]:
    """Distinct made-up company names: one fixed shuffle per market, sliced."""
    heads, tails = NAME_PARTS[market]
    pairs = [f"{h} {t}" for h in heads for t in tails]
    Random(market).shuffle(pairs)
    return pairs[start : start + count]


def _country(market: str) -> str:
    return {"JP": "JP", "US": "US", "EU": "DE"}[market]


def _currency(market: str, rng: Random) -> str:
    if market == "JP":
        return "JPY" if chance(rng, 0.75) else "USD"
    return "EUR" if market == "EU" and chance(rng, 0.4) else "USD"


def _terms(market: str, kind: str, rng: Random) -> str:
    if market == "JP" or kind == "promo_agency":
        return "tt"
    return "lc" if chance(rng, 0.6) else "tt"
