"""Normalising column headers and choice values so that spelling variants match.

People type the same header many ways ("Unit Price", "unit_price", "ＵＮＩＴ－ＰＲＩＣＥ",
"单价（元）"), so matching is done on a normalised key rather than on the raw text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache

# Characters that carry no meaning in a header or a choice: separators people use between words,
# and invisible characters that creep in from copy-paste (BOM, zero-width space/joiners).
_DROPPED = str.maketrans("", "", " \t\r\n\v\f_-\u00a0\u200b\u200c\u200d\u2060\ufeff")

# A trailing unit in brackets, e.g. "(元)", "（元）" (NFKC makes it "(元)"), "[件]", "【方】".
_TRAILING_UNIT = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕)\s*$")

# Asterisks mark required columns in many Chinese import templates ("*客户名称").
_REQUIRED_MARK = "*"


@lru_cache(maxsize=8192)
def normalise_token(s: str) -> str:
    """Key for comparing a header or choice value, ignoring width, case and word separators.

    NFKC turns full-width letters, digits and punctuation into their ASCII forms; casefold makes
    "UNIT" match "unit"; removing spaces, "_" and "-" makes "Unit Price", "unit_price",
    "UNIT-PRICE" and "unitprice" one key. Chinese characters are kept as they are. The result is
    cached because choice columns repeat the same few values on every row.
    """
    folded = unicodedata.normalize("NFKC", s).casefold().translate(_DROPPED)
    # casefold (and removing separators) can leave text that NFKC would compose again
    # ("O" + "¨" -> "o" + U+0308), so normalise once more to make the key stable.
    return unicodedata.normalize("NFKC", folded)


def _drop_trailing_unit(text: str) -> str:
    """Remove trailing bracketed units ("金额(元)" -> "金额") but never the whole header."""
    while True:
        stripped = _TRAILING_UNIT.sub("", text)
        if stripped == text or not stripped.strip():
            return text
        text = stripped


@lru_cache(maxsize=4096)
def normalise_header(s: str) -> str:
    """Key for a column header: like normalise_token, after dropping a trailing unit and marks.

    Units in brackets ("金额(元)", "Amount (CNY)", "数量【方】") say how a value is written, not
    which column it is, so they must not stop a header from matching. A UTF-8 BOM left on the
    first header by some exports, and the "*" that templates put on required columns, are removed
    for the same reason.
    """
    text = unicodedata.normalize("NFKC", s).replace("\ufeff", "").strip()
    text = _drop_trailing_unit(text).strip(_REQUIRED_MARK + " ")
    return normalise_token(text)


def build_alias_index(fields: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """Map every normalised alias (and each field's own name) to its field.

    Built once per import so that matching a header is one dict look-up. Two fields claiming the
    same alias would make matching depend on dict order, so that is a programming error and
    raises ValueError.
    """
    index: dict[str, str] = {}
    for field, aliases in fields.items():
        for alias in (field, *aliases):
            key = normalise_header(alias)
            if not key:
                raise ValueError(f"field {field!r}: alias {alias!r} is empty once normalised")
            owner = index.setdefault(key, field)
            if owner != field:
                raise ValueError(
                    f"alias {alias!r} (normalised {key!r}) is claimed by both {owner!r} and {field!r}"
                )
    return index
