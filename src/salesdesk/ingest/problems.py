"""Exceptions raised while reading files and parsing cells.

Every problem carries its reason in Chinese (the department's language, shown by default) and in
English (for logs and for the developers), so the caller never has to translate an error text.
"""

from __future__ import annotations

_STOPS = "。.！!？?"


def _sentence(text: str, stop: str) -> str:
    """Close a reason with a full stop unless it already ends with one, so messages read well."""
    return text if text.endswith(tuple(_STOPS)) else text + stop


class ValueProblem(ValueError):
    """A cell that cannot be read as the value its column needs.

    It subclasses ValueError so generic code that catches bad values keeps working; ``str()`` is
    the Chinese reason because that is what the people fixing the spreadsheet read.
    """

    def __init__(self, reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_zh)
        self.reason_zh = reason_zh
        self.reason_en = reason_en

    def __str__(self) -> str:
        return self.reason_zh

    def message(self, lang: str = "zh") -> str:
        """The reason in the requested language ("zh" or "en")."""
        return self.reason_en if lang == "en" else self.reason_zh


class FileProblem(Exception):
    """A whole file (or a stretch of it) that cannot be read, e.g. empty, binary or mis-encoded.

    ``row`` is set when the problem was found at a particular row (as Excel numbers rows), so the
    user can go straight to it.
    """

    def __init__(
        self, path: str, reason_zh: str, reason_en: str, *, row: int | None = None
    ) -> None:
        super().__init__(path, reason_zh, reason_en)
        self.path = path
        self.reason_zh = reason_zh
        self.reason_en = reason_en
        self.row = row

    def __str__(self) -> str:
        return self.message("zh")

    def message(self, lang: str = "zh") -> str:
        """Full sentence naming the file, e.g. "文件 orders.csv：文件是空的。"."""
        if lang == "en":
            return f"File {self.path}: {_sentence(self.reason_en, '.')}"
        return f"文件 {self.path}：{_sentence(self.reason_zh, '。')}"
