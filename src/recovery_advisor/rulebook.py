"""A rule book: the rules, parameters and session plans of one or more rule files.

The bundled rule book is the top-level ``rules/`` folder of the project (shipped inside the wheel).
A user's folder may add rules, override bundled rules by id, switch rules off (``disable:``) and
change parameters (``params:``); see ``docs/rule-files.md``.
"""

from __future__ import annotations

import enum
import hashlib
import json
import math
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from ._rulefile import RuleFile, in_order, parse_rule_file, read_rule_file
from ._template import param_name
from .errors import RuleFileError
from .rules_ast import Example, Param, Rule

__all__ = ["BUNDLED", "Bundled", "RuleBook", "bundled_rules_dir", "load_on_bundled"]


class Bundled(enum.Enum):
    """The type of :data:`BUNDLED`, the default ``base`` of :meth:`RuleBook.load`."""

    BUNDLED = "bundled"

    def __repr__(self) -> str:
        return "BUNDLED"


#: ``RuleBook.load(..., base=BUNDLED)`` (the default): the files add to the bundled rule book.
BUNDLED = Bundled.BUNDLED


def bundled_rules_dir() -> Path:
    """The folder of the bundled rule files (inside the installed package, or the repository)."""
    packaged = Path(str(resources.files(__package__))) / "rules"
    if packaged.is_dir():
        return packaged
    repo = Path(__file__).resolve().parents[2] / "rules"
    if repo.is_dir():
        return repo
    raise RuleFileError(f"the bundled rule files are missing (looked in {packaged} and {repo})")


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise RuleFileError(f"no rule file or folder at {path}")
    return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())


@attrs.frozen(slots=True)
class RuleBook:
    """Rules (in order), parameters and plans; immutable and safe to share between threads."""

    rules: tuple[Rule, ...]
    params: Mapping[str, Param]
    plans: Mapping[str, Any]
    disabled: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    fixtures: Mapping[str, Any] = attrs.field(factory=dict, eq=False)
    fingerprint: str = attrs.field(default="", eq=False)

    def __attrs_post_init__(self) -> None:
        if not self.fingerprint:
            blob = json.dumps(
                [
                    [attrs.asdict(r, recurse=True) for r in self.rules],
                    {k: p.value for k, p in sorted(self.params.items())},
                ],
                sort_keys=True,
                default=str,
            )
            object.__setattr__(self, "fingerprint", hashlib.sha256(blob.encode()).hexdigest()[:16])

    # ----------------------------------------------------------------- loading
    @classmethod
    def from_files(cls, files: Iterable[RuleFile], base: RuleBook | None = None) -> RuleBook:
        """A book of the rules, parameters, plans and fixtures of ``files`` on top of ``base``.

        Raises :class:`RuleFileError` for the first problem, carrying every problem found
        (``e.problems``)."""
        rules: dict[str, Rule] = {r.id: r for r in base.rules} if base is not None else {}
        params: dict[str, Param] = dict(base.params) if base is not None else {}
        plans: dict[str, Any] = dict(base.plans) if base is not None else {}
        fixtures: dict[str, Any] = dict(base.fixtures) if base is not None else {}
        disabled: list[str] = list(base.disabled) if base is not None else []
        sources = list(base.sources) if base is not None else []
        origin: dict[str, str] = {}
        errors: list[RuleFileError] = []
        files_seen = list(files)
        for rf in files_seen:
            sources.append(rf.path)
            for rule in rf.rules:
                if rule.id in origin:
                    errors.append(
                        RuleFileError(
                            f"rule id {rule.id!r} is defined in {origin[rule.id]} and again here",
                            file=rf.path,
                            line=rule.line,
                            rule_id=rule.id,
                        )
                    )
                    continue
                origin[rule.id] = rf.path
                rules[rule.id] = rule
            for param in rf.params:
                old = params.get(param.name)
                if old is not None:
                    try:
                        param = _inherit(param, old)
                    except RuleFileError as exc:
                        errors.append(exc)
                        continue
                params[param.name] = param
            plans.update(rf.plans)
            fixtures.update(rf.fixtures)
            disabled.extend(rf.disable)
        known = set(rules) | set(base.disabled if base else ())
        for rf in files_seen:
            for rid in rf.disable:
                if rid not in known:
                    errors.append(
                        RuleFileError(
                            f"disable: no rule {rid!r} to switch off",
                            file=rf.path,
                            line=rf.disable_lines.get(rid),
                            suggestion=_suggest(rid, known),
                        )
                    )
        if base is not None:
            errors.extend(_unused_near_misses(files_seen, base, rules.values()))
        book = cls(
            rules=tuple(r for r in rules.values() if r.id not in disabled),
            params=params,
            plans=plans,
            disabled=tuple(dict.fromkeys(disabled)),
            sources=tuple(sources),
            fixtures=fixtures,
        )
        errors.extend(book._problems())
        if errors:
            raise RuleFileError.of(errors)
        return book

    @classmethod
    def load(cls, *paths: str | Path, base: RuleBook | Bundled | None = BUNDLED) -> RuleBook:
        """Load rule files (``.yaml``) from files or folders.

        Raises :class:`RuleFileError` for the first problem (by file and line), carrying every
        problem of every file in ``e.problems``.

        By default (``base=BUNDLED``) the files add to the bundled rule book, as
        ``advise(..., rules="my_rules/")`` does: their rules are added, a rule with a bundled id
        replaces it, ``disable:`` switches bundled rules off and ``params:`` changes parameters.
        With ``base`` another book (for example one from ``book.with_params(...)``) they add to
        that one instead. With ``base=None`` the book holds only the rules of ``paths`` (with the
        bundled parameters and plans underneath, so the facts are always computable): the
        bundled rules, the pain and safety rules among them, are left out.
        """
        if base is BUNDLED:
            base = cls.default()
        if base is not None and not isinstance(base, RuleBook):
            raise RuleFileError(
                f"base must be a RuleBook, BUNDLED or None, got {type(base).__name__}"
            )
        files: list[RuleFile] = []
        errors: list[RuleFileError] = []
        for path in paths:
            if not isinstance(path, (str, Path)):
                raise RuleFileError(
                    f"a rule file or folder path is needed, got {type(path).__name__}"
                )
            for f in _files(Path(path)):
                try:
                    text = f.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError) as exc:
                    errors.append(RuleFileError(f"cannot read the rule file: {exc}", file=str(f)))
                    continue
                rule_file, problems = read_rule_file(text, str(f))
                files.append(rule_file)
                errors.extend(problems)
        if base is None:
            defaults = cls.default()
            base = cls(
                rules=(), params=defaults.params, plans=defaults.plans, fixtures=defaults.fixtures
            )
        try:  # with problems in the files, this checks what could be read of them
            book = cls.from_files(files, base)
        except RuleFileError as exc:
            errors.extend(exc.problems)
        if errors:
            raise RuleFileError.of(in_order(errors, [rf.path for rf in files]))
        return book

    @classmethod
    def default(cls) -> RuleBook:
        """The bundled rule book (parsed once per process)."""
        global _DEFAULT
        with _LOCK:
            if _DEFAULT is None:
                folder = bundled_rules_dir()
                files = [
                    parse_rule_file(f.read_text(encoding="utf-8"), f"rules/{f.relative_to(folder)}")
                    for f in _files(folder)
                ]
                _DEFAULT = cls.from_files(files)
            return _DEFAULT

    def with_params(self, **values: Any) -> RuleBook:
        """A copy with parameters changed, e.g. ``book.with_params(heavy_rpe=8.5)``."""
        params = dict(self.params)
        for name, value in values.items():
            if name not in params:
                raise RuleFileError(
                    f"unknown parameter {name!r}",
                    suggestion=_suggest(name, params),
                )
            params[name] = _inherit(attrs.evolve(params[name], value=value), params[name])
        book = attrs.evolve(self, params=params, fingerprint="")
        book._check()
        return book

    def without(self, *rule_ids: str) -> RuleBook:
        """A copy with the given rules switched off."""
        for rid in rule_ids:
            if rid not in self.ids:
                raise RuleFileError(
                    f"no rule {rid!r} to switch off", suggestion=_suggest(rid, self.ids)
                )
        return attrs.evolve(
            self,
            rules=tuple(r for r in self.rules if r.id not in rule_ids),
            disabled=(*self.disabled, *rule_ids),
            fingerprint="",
        )

    # ----------------------------------------------------------------- access
    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the rules, in rule-book order."""
        return tuple(r.id for r in self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __getitem__(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def param_values(self) -> dict[str, Any]:
        """Every parameter's value by name (what rule conditions and texts use as ``$name``)."""
        return {name: p.value for name, p in self.params.items()}

    def example_history(self, example: Example) -> dict[str, Any]:
        """The history of an example, with a ``use: fixture`` reference resolved."""
        history = dict(example.history)
        base = history.pop("use", None)
        if base is None:
            return history
        return {**self.fixtures[base], **history}

    def _check(self) -> None:
        problems = self._problems()
        if problems:
            raise RuleFileError.of(problems)

    def _problems(self) -> list[RuleFileError]:
        """Parameters keep their kind and bounds; every ``$param`` a rule uses and every
        fixture an example uses must exist."""
        problems: list[RuleFileError] = []
        for param in self.params.values():
            try:
                _check_param(param)
            except RuleFileError as exc:
                problems.append(exc)
        for low, high in _ORDERED:
            a, b = self.params.get(low), self.params.get(high)
            if a is not None and b is not None and _num(a.value) > _num(b.value):
                problems.append(
                    RuleFileError(
                        f"parameter {low!r} ({a.value}) must not be above {high!r} ({b.value})",
                        file=a.file,
                        line=a.line,
                    )
                )
        for rule in self.rules:
            for example in rule.examples:
                base = example.history.get("use")
                if base is not None and base not in self.fixtures:
                    problems.append(
                        RuleFileError(
                            f"example {example.name!r} uses fixture {base!r}, "
                            "which no rule file defines",
                            file=rule.file,
                            line=example.line,
                            rule_id=rule.id,
                            suggestion=_suggest(str(base), self.fixtures),
                        )
                    )
            problems.extend(self._use_problems(rule))
        return problems

    def _use_problems(self, rule: Rule) -> list[RuleFileError]:
        """Every parameter a rule uses exists and has a value that fits where it is used; every
        plan a ``template`` effect names exists; ``[low, high]`` pairs are in order."""
        problems: list[RuleFileError] = []

        def problem(text: str, line: int | None, suggestion: str | None = None) -> None:
            problems.append(
                RuleFileError(
                    text, file=rule.file, line=line, rule_id=rule.id, suggestion=suggestion
                )
            )

        for use in rule.uses:
            param = self.params.get(use.name)
            if param is None:
                hint = _suggest(use.name, self.params)
                if use.placeholder:
                    problem(
                        f"placeholder {{${use.name}}} in {use.where}: no rule file defines "
                        f"the parameter {use.name!r}",
                        use.line,
                        hint,
                    )
                else:
                    problem(
                        f"uses parameter ${use.name}, which no rule file defines", use.line, hint
                    )
            elif not use.accepts(param.value):
                problem(
                    f"{use.where} must be {use.wants()}, but parameter {use.name!r} is "
                    f"{param.value!r}",
                    use.line,
                )
        for effect in rule.then.effects:
            if effect.kind == "template" and "plan" in effect.args:
                name = str(effect.args["plan"])
                if name not in self.plans:
                    problem(
                        f"session effect 'template' names plan {name!r}, which no rule file "
                        f"defines; plans: {', '.join(sorted(self.plans)) or '(none)'}",
                        effect.line,
                        _suggest(name, self.plans),
                    )
            for key in ("seconds", "minutes"):
                pair = effect.args.get(key)
                if not isinstance(pair, list) or len(pair) != 2:
                    continue
                low, high = (self._number(v) for v in pair)
                if low is not None and high is not None and low > high:
                    problem(
                        f"{key!r} of session effect {effect.kind!r} must be [low, high] with "
                        f"low <= high, got [{low:g}, {high:g}]",
                        effect.line,
                    )
        return problems

    def _number(self, value: Any) -> float | None:
        """A number of an effect argument: a literal or a ``{$param}`` (None when unknown)."""
        name = param_name(value)
        if name is not None:
            param = self.params.get(name)
            value = param.value if param is not None else None
        return None if isinstance(value, bool) or not isinstance(value, (int, float)) else value


def _unused_near_misses(
    files: Sequence[RuleFile], base: RuleBook, rules: Iterable[Rule]
) -> list[RuleFileError]:
    """A parameter that ``base`` does not have, that no rule uses and whose name is close to one
    of ``base``'s: almost surely a misspelt change of that one (``tight_levl: 4``), which would
    otherwise be accepted and change nothing. (A parameter that a misspelt use in a rule is close
    to is left to the error about that use.)"""
    used = {name for rule in rules for name in rule.params}
    defined = set(base.params) | {p.name for rf in files for p in rf.params}
    misspelt = used - defined
    problems = []
    for rf in files:
        for param in rf.params:
            if param.name in base.params or param.name in used:
                continue
            if any(_suggest(name, [param.name]) for name in misspelt):
                continue
            hint = _suggest(param.name, base.params)
            if hint is not None:
                problems.append(
                    RuleFileError(
                        f"parameter {param.name!r} is not a parameter of the rule book and no "
                        "rule uses it, so it changes nothing",
                        file=param.file,
                        line=param.line,
                        suggestion=hint,
                    )
                )
    return problems


#: Parameter pairs whose first must not exceed the second.
_ORDERED = (
    ("fatigued_threshold", "ready_threshold"),
    ("pair_min_sessions", "pair_max_sessions"),
    ("rest_default_low_s", "rest_default_high_s"),
    ("mobility_rest_low_s", "mobility_rest_high_s"),
    ("rest_heavy_low_s", "rest_heavy_high_s"),
    ("rest_max_low_s", "rest_max_high_s"),
    ("warm_up_min_low", "warm_up_min_high"),
    ("acwr_caution", "acwr_warning"),
    ("sleep_rest_h", "sleep_cut_h"),
    ("sleep_cut_h", "sleep_short_h"),
)


def _num(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def _inherit(new: Param, old: Param) -> Param:
    """An override keeps the unit, source and bounds it does not restate, and the value's kind."""
    _same_kind(new.name, old.value, new.value, new.file, new.line)
    return attrs.evolve(
        new,
        unit=new.unit or old.unit,
        source=new.source or old.source,
        description=new.description or old.description,
        minimum=old.minimum if new.minimum is None else new.minimum,
        maximum=old.maximum if new.maximum is None else new.maximum,
    )


def _same_kind(name: str, old: Any, new: Any, file: str | None, line: int | None) -> None:
    """A parameter keeps its kind: a number stays a finite number, a text stays a text."""
    number = isinstance(old, (int, float)) and not isinstance(old, bool)
    if number:
        ok = (
            isinstance(new, (int, float))
            and not isinstance(new, bool)
            and math.isfinite(new)
            and abs(new) <= 1e15
        )
        want = "a finite number"
    else:
        ok = isinstance(new, type(old))
        want = type(old).__name__
    if not ok:
        raise RuleFileError(
            f"parameter {name!r} must be {want} (like its value {old!r}), got {new!r}",
            file=file,
            line=line,
        )


def _check_param(param: Param) -> None:
    value = param.value
    if param.minimum is None and param.maximum is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RuleFileError(
            f"parameter {param.name!r} must be a number, got {value!r}",
            file=param.file,
            line=param.line,
        )
    low = -math.inf if param.minimum is None else param.minimum
    high = math.inf if param.maximum is None else param.maximum
    if not low <= value <= high:
        raise RuleFileError(
            f"parameter {param.name!r} must be from {low:g} to {high:g} {param.unit}".rstrip()
            + f", got {value:g}",
            file=param.file,
            line=param.line,
        )


def _suggest(word: str, options: Iterable[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


_DEFAULT: RuleBook | None = None
_LOCK = threading.Lock()


_LOADED: OrderedDict[tuple[str, bytes], RuleBook] = OrderedDict()
_LOADED_LOCK = threading.Lock()
_LOADED_MAX = 16


def load_on_bundled(path: str | Path) -> RuleBook:
    """``RuleBook.load(path)`` (the files on top of the bundled rules), parsed once per content.

    ``advise(..., rules="my_rules/")`` calls this on every call: the files are read each time
    (a changed file is seen at once), but they are parsed and checked only when their content
    (names and bytes) differs from one of the last 16 folders loaded. A folder with a problem is
    never kept: its error is raised again on every call.
    """
    if not isinstance(path, (str, Path)):
        return RuleBook.load(path)  # reports the wrong type
    digest = hashlib.sha256()
    try:
        for f in _files(Path(path)):
            data = f.read_bytes()
            digest.update(f"{f}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
            digest.update(data)
    except (OSError, RuleFileError):
        return RuleBook.load(path)  # reports what cannot be read, with its file
    key = (str(Path(path).resolve()), digest.digest())
    with _LOADED_LOCK:
        book = _LOADED.get(key)
        if book is not None:
            _LOADED.move_to_end(key)
            return book
    book = RuleBook.load(path)
    with _LOADED_LOCK:
        _LOADED[key] = book
        while len(_LOADED) > _LOADED_MAX:
            _LOADED.popitem(last=False)
    return book
