"""Fill ``{alias.field}`` and ``{$param}`` placeholders of rule texts (no code is evaluated)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["fill", "show_value"]

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def show_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value).replace("_", " ")


def fill(text: str, match: Mapping[str, Mapping[str, Any]], params: Mapping[str, Any]) -> str:
    """``text`` with every placeholder replaced from the bound facts and the parameters."""

    def one(m: re.Match[str]) -> str:
        ref = m.group(1)
        if ref.startswith("$"):
            return show_value(params.get(ref[1:], m.group(0)))
        alias, _, field = ref.partition(".")
        fact = match.get(alias)
        if fact is None or field not in fact:
            return m.group(0)
        return show_value(fact[field])

    return _PLACEHOLDER.sub(one, text)
