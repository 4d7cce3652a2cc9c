"""The English catalogue: complete, and the shipped .mo compiled from the .po as it stands.

Re-extract and compile after changing UI strings (see src/salesdesk/web/README.md):
``django-admin makemessages -l en --no-location --no-wrap`` in src/salesdesk/web, translate,
then ``msgfmt --check -o django.mo django.po`` in locale/en/LC_MESSAGES.
"""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import salesdesk

CATALOG = Path(salesdesk.__file__).parent / "web" / "locale" / "en" / "LC_MESSAGES"
_ENTRY = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$')


def _entries(po: Path) -> list[dict[str, str]]:
    """Each entry of a .po written with --no-wrap (one line per string), header left out."""
    found: list[dict[str, str]] = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fields = {}
        for line in block.splitlines():
            match = _ENTRY.match(line)
            if match:
                fields[match.group(1)] = ast.literal_eval(match.group(2))
        if fields.get("msgid"):
            found.append(fields)
    return found


def test_every_string_is_translated():
    entries = _entries(CATALOG / "django.po")
    assert len(entries) > 100
    untranslated = [
        e["msgid"] for e in entries if not all(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    assert not untranslated
    assert "#, fuzzy" not in (CATALOG / "django.po").read_text(encoding="utf-8")


def test_the_mo_file_is_compiled_from_the_po_file():
    with open(CATALOG / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in _entries(CATALOG / "django.po"):
        if "msgid_plural" in entry:
            got = compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2)
            assert got == entry["msgstr[1]"], entry["msgid"]
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"], entry["msgid"]
