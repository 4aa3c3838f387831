"""Fill ``{alias.field}`` and ``{$param}`` placeholders of rule texts (no code is evaluated)."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

__all__ = ["fill", "param_name", "show_value"]

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_PARAM_ONLY = re.compile(r"^\{\$([^{}]*)\}$")


def param_name(value: Any) -> str | None:
    """``name`` when ``value`` is exactly one parameter placeholder, ``"{$name}"``."""
    if not isinstance(value, str):
        return None
    m = _PARAM_ONLY.match(value)
    return None if m is None else m.group(1)


def show_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    return str(value).replace("_", " ")


@functools.lru_cache(maxsize=4096)
def _pieces(text: str) -> tuple[str, ...]:
    """``text`` split into literal text and placeholders: literal, ref, literal, ..., literal."""
    return tuple(_PLACEHOLDER.split(text))


def fill(text: str, match: Mapping[str, Mapping[str, Any]], params: Mapping[str, Any]) -> str:
    """``text`` with every placeholder replaced from the bound facts and the parameters.

    A placeholder that names nothing bound stays as it is. (Rule texts are split once and
    cached: this runs for every match of every rule that fires.)
    """
    pieces = _pieces(text)
    if len(pieces) == 1:
        return text
    out = [pieces[0]]
    for k in range(1, len(pieces), 2):
        ref = pieces[k]
        if ref.startswith("$"):
            name = ref[1:]
            out.append(show_value(params[name] if name in params else "{" + ref + "}"))
        else:
            alias, _, field = ref.partition(".")
            fact = match.get(alias)
            out.append(
                "{" + ref + "}" if fact is None or field not in fact else show_value(fact[field])
            )
        out.append(pieces[k + 1])
    return "".join(out)


@functools.lru_cache(maxsize=4096)
def _aliases(text: str) -> tuple[str, ...]:
    """The aliases whose facts the placeholders of ``text`` read."""
    pieces = _pieces(text)
    return tuple(
        dict.fromkeys(
            pieces[k].partition(".")[0]
            for k in range(1, len(pieces), 2)
            if not pieces[k].startswith("$")
        )
    )


class Filler:
    """:func:`fill` for the matches of one evaluation, remembering each text filled from the
    same facts: many matches of a rule bind the same fact to the aliases a text reads.

    Facts are told apart by identity, so a Filler must not outlive the matches it fills.
    """

    __slots__ = ("_done", "_params")

    def __init__(self, params: Mapping[str, Any]) -> None:
        self._params = params
        self._done: dict[tuple[Any, ...], str] = {}

    def __call__(self, text: str, match: Mapping[str, Mapping[str, Any]]) -> str:
        key = (text, *(id(match.get(alias)) for alias in _aliases(text)))
        done = self._done.get(key)
        if done is None:
            done = self._done[key] = fill(text, match, self._params)
        return done
