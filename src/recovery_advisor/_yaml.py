"""YAML loading that keeps the line of every mapping and list item (for error messages).

Only YAML's safe schema is used: nothing in a rule file is ever executed.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["LDict", "LList", "line_of", "load_yaml"]

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LDict(dict[str, Any]):
    """A mapping that remembers its own line and the line of each key (1-based)."""

    line: int
    key_lines: dict[str, int]


class LList(list[Any]):
    """A list that remembers its own line and the line of each item (1-based)."""

    line: int
    item_lines: list[int]


def line_of(obj: Any, key: str | int | None = None, default: int | None = None) -> int | None:
    """The line of ``obj`` (or of its ``key``) when ``obj`` came from :func:`load_yaml`."""
    if key is not None:
        if isinstance(obj, LDict) and isinstance(key, str):
            return obj.key_lines.get(key, obj.line)
        if isinstance(obj, LList) and isinstance(key, int) and 0 <= key < len(obj.item_lines):
            return obj.item_lines[key]
    return getattr(obj, "line", default)


_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
)


def _convert(node: yaml.Node, loader: Any) -> Any:
    if node.tag not in _TAGS:
        raise yaml.constructor.ConstructorError(
            None, None, f"the tag {node.tag!r} is not allowed in a rule file", node.start_mark
        )
    if isinstance(node, yaml.MappingNode):
        out = LDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)):
                raise yaml.constructor.ConstructorError(
                    None, None, "a key must be plain text", key_node.start_mark
                )
            if key in out:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            out[str(key)] = _convert(value_node, loader)
            out.key_lines[str(key)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        items = LList()
        items.line = node.start_mark.line + 1
        items.item_lines = []
        for item in node.value:
            items.append(_convert(item, loader))
            items.item_lines.append(item.start_mark.line + 1)
        return items
    return loader.construct_object(node, deep=True)


def load_yaml(text: str) -> Any:
    """Parse ``text`` (one YAML document) keeping line numbers; raises ``yaml.YAMLError``."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(node, loader)
    finally:
        loader.dispose()
