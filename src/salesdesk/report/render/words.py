"""`Words`: the chosen language, its phrasing and its number formats, for the section builders.

Each builder writes its sentences as a (Chinese, English) pair next to the logic that fills them,
so the two languages cannot drift apart; all numbers go through `salesdesk.report.format`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from salesdesk.report import format as fmt
from salesdesk.report.render.document import Cell

__all__ = ["Words"]

Number = Decimal | int


class Words:
    """Phrases and formats in one language ("zh" or "en")."""

    def __init__(self, lang: str) -> None:
        self.lang = fmt.check_lang(lang)
        self.zh = lang == "zh"

    def say(self, zh: str, en: str, **values: object) -> str:
        """Pick the phrase for the language and fill in ``values``."""
        return (zh if self.zh else en).format(**values)

    def pick(self, *pairs: tuple[str, str]) -> tuple[str, ...]:
        """Pick one of each (zh, en) pair, e.g. for a table header."""
        return tuple(zh if self.zh else en for zh, en in pairs)

    @property
    def sep(self) -> str:
        """Separator between clauses in a list of facts."""
        return "；" if self.zh else "; "

    @property
    def colon(self) -> str:
        return "：" if self.zh else ": "

    def join(self, items: Iterable[str]) -> str:
        """A short enumeration: "1月、2月" / "Jan, Feb"."""
        return ("、" if self.zh else ", ").join(items)

    # -- numbers in running text --------------------------------------------------------------
    def money(self, value: Number | None) -> str:
        return fmt.money(value, self.lang)

    def percent(self, value: Number | None) -> str:
        return fmt.percent(value, self.lang)

    def change(self, value: Number | None) -> str:
        return fmt.change(value, self.lang)

    def signed(self, value: Number | None) -> str:
        return fmt.signed_percent(value, self.lang)

    def count(self, value: int | None) -> str:
        return fmt.count(value, self.lang)

    def number(self, value: Number | None, places: int = 2) -> str:
        return fmt.number(value, self.lang, places)

    def quantity(self, value: Number | None, unit: str) -> str:
        return fmt.quantity(value, unit, self.lang)

    def unit(self, unit: str) -> str:
        return fmt.unit_name(unit, self.lang)

    def month(self, label: str) -> str:
        return fmt.month(label, self.lang)

    def day(self, value: date | None) -> str:
        return fmt.day(value, self.lang)

    def days(self, value: Number | None) -> str:
        return fmt.days(value, self.lang)

    def label(self, group: str, code: str) -> str:
        return fmt.label(group, code, self.lang)

    @property
    def missing(self) -> str:
        return fmt.missing(self.lang)

    # -- table cells --------------------------------------------------------------------------
    def text_cell(self, text: str) -> Cell:
        return Cell(text, text)

    def money_cell(self, value: Number | None, unit: bool = False) -> Cell:
        """Money; ``unit`` adds the currency for columns that mix units."""
        text = fmt.money(value, self.lang) if unit else fmt.amount(value, self.lang)
        return Cell(text, value, "money")

    def ratio_cell(self, value: Number | None) -> Cell:
        return Cell(fmt.percent(value, self.lang), value, "ratio")

    def change_cell(self, value: Number | None) -> Cell:
        return Cell(fmt.signed_percent(value, self.lang), value, "ratio")

    def count_cell(self, value: int | None) -> Cell:
        return Cell(fmt.count(value, self.lang), value, "count")

    def quantity_cell(self, value: Number | None) -> Cell:
        text = self.missing if value is None else f"{fmt.round_quantity(value):,}"
        return Cell(text, value, "quantity")

    def number_cell(self, value: Number | None, places: int = 2) -> Cell:
        return Cell(fmt.number(value, self.lang, places), value, "number")

    def month_cell(self, label: str) -> Cell:
        return Cell(fmt.month(label, self.lang), label)
