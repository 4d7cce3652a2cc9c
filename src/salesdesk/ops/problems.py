"""The one exception of the operations commands, with its reason in Chinese and English."""

from __future__ import annotations


class OpsProblem(Exception):
    """A backup or restore that cannot go ahead; nothing has been changed when it is raised."""

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_zh)
        self.reason_zh = reason_zh
        self.reason_en = reason_en

    def __str__(self) -> str:
        return self.reason_zh

    def message(self, lang: str = "zh") -> str:
        return self.reason_en if lang == "en" else self.reason_zh
