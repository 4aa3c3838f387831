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
#: Rule files nest a dozen levels at most; deeper documents are refused, not recursed into.
MAX_DEPTH = 64
#: Values a document may hold once aliases are expanded (a "billion laughs" file is refused).
MAX_NODES = 200_000


class _Builder:
    """Converts a composed YAML node graph, once per node, keeping line numbers."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.done: dict[int, tuple[Any, int]] = {}  # value and expanded size, once per node
        self.active: set[int] = set()

    def fail(self, problem: str, node: yaml.Node) -> Any:
        raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark)

    def convert(self, node: yaml.Node, depth: int = 0) -> Any:
        return self._value(node, depth)[0]

    def _value(self, node: yaml.Node, depth: int) -> tuple[Any, int]:
        """The value of ``node`` and how many values it holds once its aliases are expanded."""
        key = id(node)
        if key in self.done:
            return self.done[key]
        if key in self.active:
            self.fail("an alias refers to the value that contains it", node)
        if depth > MAX_DEPTH:
            self.fail(f"values are nested more than {MAX_DEPTH} levels deep", node)
        self.active.add(key)
        try:
            out, size = self._convert(node, depth)
        finally:
            self.active.discard(key)
        if size > MAX_NODES:
            self.fail(f"the document expands to more than {MAX_NODES:,} values", node)
        self.done[key] = (out, size)
        return out, size

    def _convert(self, node: yaml.Node, depth: int) -> tuple[Any, int]:
        if node.tag not in _TAGS:
            self.fail(f"the tag {node.tag!r} is not allowed in a rule file", node)
        size = 1
        if isinstance(node, yaml.MappingNode):
            out = LDict()
            out.line = node.start_mark.line + 1
            out.key_lines = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.fail("a key must be plain text", key_node)
                key = self.scalar(key_node)
                if not isinstance(key, (str, int, float, bool)):
                    self.fail("a key must be plain text", key_node)
                if str(key) in out:
                    self.fail(f"duplicate key {key!r}", key_node)
                value, n = self._value(value_node, depth + 1)
                size += n
                if size > MAX_NODES:
                    self.fail(f"the document expands to more than {MAX_NODES:,} values", node)
                out[str(key)] = value
                out.key_lines[str(key)] = key_node.start_mark.line + 1
            return out, size
        if isinstance(node, yaml.SequenceNode):
            items = LList()
            items.line = node.start_mark.line + 1
            items.item_lines = []
            for item in node.value:
                value, n = self._value(item, depth + 1)
                size += n
                if size > MAX_NODES:
                    self.fail(f"the document expands to more than {MAX_NODES:,} values", node)
                items.append(value)
                items.item_lines.append(item.start_mark.line + 1)
            return items, size
        return self.scalar(node), size

    def scalar(self, node: yaml.Node) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, OverflowError) as exc:  # e.g. an integer of 5,000 digits
            return self.fail(f"cannot read the value: {exc}", node)


def load_yaml(text: str) -> Any:
    """Parse ``text`` (one YAML document) keeping line numbers; raises ``yaml.YAMLError``."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _Builder(loader).convert(node)
    finally:
        loader.dispose()
