"""The exercise catalogue: which muscles an exercise works, its movement pattern, region and role.

The data lives in ``data/exercises.yaml`` (facts about exercises may come from free-exercise-db,
public domain). Names match case-, accent- and punctuation-insensitively, in any word order, so
``Deadlift (Barbell)``, ``barbell deadlift`` and ``DEADLIFT - BARBELL`` are the same exercise;
an unknown name falls back to the name without its app qualifiers (``Seated Cable Row - V Grip``,
``Squat (Smith Machine, Paused)``). See ``docs/catalogue.md``.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import yaml

from .errors import RecoveryAdvisorError
from .vocabulary import MUSCLES, PATTERNS, REGIONS, ROLES

__all__ = ["Catalogue", "CatalogueEntry", "normalize_name"]

_WORD = re.compile(r"[a-z0-9]+")
# "s" is what is left of a possessive ("Farmer's Walk" -> "farmer", "s", "walk").
_STOP = frozenset({"the", "a", "an", "with", "on", "of", "and", "s"})
_SPELLING = {
    "dumbbells": "dumbbell",
    "db": "dumbbell",
    "bb": "barbell",
    "kb": "kettlebell",
    "kettlebells": "kettlebell",
    "cables": "cable",
    "ez": "ezbar",
    "pullup": "pull up",
    "pullups": "pull up",
    "chinup": "chin up",
    "chinups": "chin up",
    "pushup": "push up",
    "pushups": "push up",
    "situp": "sit up",
    "situps": "sit up",
    "pulldown": "pulldown",
    "pulldowns": "pulldown",
    "rdl": "romanian deadlift",
    "ohp": "overhead press",
    "deadlifts": "deadlift",
    "squats": "squat",
    "lunges": "lunge",
    "rows": "row",
    "curls": "curl",
    "raises": "raise",
    "extensions": "extension",
    "presses": "press",
    "flyes": "fly",
    "flies": "fly",
    "flye": "fly",
    "carries": "carry",
    "pushes": "push",
    "shrugs": "shrug",
    "dips": "dip",
    "stretches": "stretch",
    # plurals and spellings seen in Strong, Hevy and FitNotes logs
    "ups": "up",
    "bicep": "biceps",
    "tricep": "triceps",
    "hamstrings": "hamstring",
    "legged": "leg",
    "dumbell": "dumbbell",
    "dumbells": "dumbbell",
    "crossovers": "crossover",
    "crunches": "crunch",
    "swings": "swing",
    "thrusts": "thrust",
    "bridges": "bridge",
    "kickbacks": "kickback",
    "twists": "twist",
    "planks": "plank",
    "pulls": "pull",
    "pushdowns": "pushdown",
    "pullovers": "pullover",
    "rollouts": "rollout",
    "burpees": "burpee",
    "jacks": "jack",
    "climbers": "climber",
    "snatches": "snatch",
    "cleans": "clean",
    "sldl": "stiff leg deadlift",
    "ghr": "glute ham raise",
    "farmers": "farmer",
    "runners": "runner",
    "childs": "child",
    "worlds": "world",
    "captains": "captain",
    # the equipment in the brackets of Strong's French, German and Spanish names, so that
    # "Squat (Barre)" and "Hip Thrust (Langhantel)" are "Squat (Barbell)" and "Hip Thrust (Barbell)"
    "barre": "barbell",
    "haltere": "dumbbell",
    "halteres": "dumbbell",
    "poulie": "cable",
    "langhantel": "barbell",
    "kurzhantel": "dumbbell",
    "kurzhanteln": "dumbbell",
    "kabel": "cable",
    "kabelzug": "cable",
    "maschine": "machine",
    "korpergewicht": "bodyweight",
    "barra": "barbell",
    "mancuerna": "dumbbell",
    "mancuernas": "dumbbell",
    "polea": "cable",
    "maquina": "machine",
    # plurals of localized names
    "fentes": "fente",
    "tractions": "traction",
    "pompes": "pompe",
    "ausfallschritte": "ausfallschritt",
    "klimmzuge": "klimmzug",
    "liegestutze": "liegestutz",
    "zancadas": "zancada",
    "dominadas": "dominada",
}
# letters that Unicode does not decompose into a base letter and an accent
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})


def _fold_accents(text: str) -> str:
    """``text`` case-folded and without accents: ``Soulevé`` -> ``souleve``, ``ß`` -> ``ss``."""
    text = text.casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_name(name: str) -> str:
    """The matching key of an exercise name: case and accents folded, words only, sorted,
    synonyms folded."""
    words: list[str] = []
    for word in _WORD.findall(_fold_accents(name)):
        words.extend(_SPELLING.get(word, word).split())
    return " ".join(sorted(w for w in words if w not in _STOP))


@attrs.frozen(slots=True)
class CatalogueEntry:
    """One exercise of the catalogue.

    ``primary`` and ``secondary`` are muscles of the shared vocabulary; ``pattern`` is the movement
    pattern (hinge, squat, ...), ``region`` lower/upper/full, ``role`` main/accessory/mobility.
    """

    name: str
    primary: tuple[str, ...]
    secondary: tuple[str, ...] = ()
    pattern: str = "other"
    region: str = "full"
    role: str = "accessory"
    equipment: str = "other"
    aliases: tuple[str, ...] = ()

    @property
    def muscles(self) -> tuple[str, ...]:
        """The primary muscles, then the secondary ones (each once)."""
        return self.primary + tuple(m for m in self.secondary if m not in self.primary)


class Catalogue:
    """A read-only collection of :class:`CatalogueEntry` with fuzzy-free, exact name matching."""

    __slots__ = ("_by_key", "_entries")

    def __init__(self, entries: tuple[CatalogueEntry, ...]) -> None:
        self._entries = entries
        by_key: dict[str, CatalogueEntry] = {}
        for entry in entries:
            for name in (entry.name, *entry.aliases):
                key = normalize_name(name)
                if key in by_key and by_key[key] is not entry:
                    raise RecoveryAdvisorError(
                        f"exercise catalogue: {name!r} of {entry.name!r} is already a name of "
                        f"{by_key[key].name!r}"
                    )
                by_key[key] = entry
        self._by_key = by_key

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[CatalogueEntry]:
        return iter(self._entries)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.lookup(name) is not None

    def lookup(self, name: str) -> CatalogueEntry | None:
        """The entry for an exercise name as an app logs it, or ``None`` when unknown."""
        entry = self._by_key.get(normalize_name(name))
        if entry is None:
            for variant in _fallbacks(name):
                entry = self._by_key.get(normalize_name(variant))
                if entry is not None:
                    break
        return entry

    def by_role(self, role: str) -> tuple[CatalogueEntry, ...]:
        """The exercises of one role (``main``, ``accessory`` or ``mobility``), in catalogue order."""
        return tuple(e for e in self._entries if e.role == role)

    @classmethod
    def from_data(cls, data: Any, source: str = "<data>") -> Catalogue:
        """Build a catalogue from a list of mappings (the shape of ``data/exercises.yaml``)."""
        if not isinstance(data, list):
            raise RecoveryAdvisorError(f"{source}: the catalogue must be a list of exercises")
        return cls(tuple(_entry(item, f"{source}[{i}]") for i, item in enumerate(data)))

    @classmethod
    def load(cls, path: str | Path) -> Catalogue:
        """A catalogue from a YAML file in the format of the bundled ``data/exercises.yaml``."""
        p = Path(path)
        with p.open(encoding="utf-8") as fh:
            return cls.from_data(yaml.load(fh, Loader=_Loader), str(p))

    @classmethod
    def default(cls) -> Catalogue:
        """The bundled catalogue (loaded once per process)."""
        global _DEFAULT
        with _LOCK:
            if _DEFAULT is None:
                text = (
                    resources.files(__package__)
                    .joinpath("data/exercises.yaml")
                    .read_text(encoding="utf-8")
                )
                _DEFAULT = cls.from_data(yaml.load(text, Loader=_Loader), "exercises.yaml")
            return _DEFAULT


_DASH_QUALIFIER = re.compile(r"\s+[-\u2013\u2014]\s+[^()]*")


def _fallbacks(name: str) -> Iterator[str]:
    """Less specific names to try when ``name`` is unknown, most specific first.

    Apps qualify a name after a dash (Hevy's ``Seated Cable Row - V Grip (Cable)``) or in
    brackets (``Squat (Smith Machine, Paused)``, FitNotes' ``Overhead Press (Each Side,
    Dumbbells)``): drop the dash qualifier, then keep one bracketed qualifier at a time, then
    drop the brackets.
    """
    undashed = _DASH_QUALIFIER.sub(" ", name)
    if undashed != name:
        yield undashed
    if "(" not in undashed:
        return
    base, _, rest = undashed.partition("(")
    qualifiers = rest.split(")", 1)[0].split(",")
    if len(qualifiers) > 1:
        for qualifier in qualifiers:
            yield f"{base}({qualifier})"
    yield base
    if undashed != name:
        yield name.split("(", 1)[0]


_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DEFAULT: Catalogue | None = None
_LOCK = threading.Lock()


def _words(
    item: Mapping[str, Any], key: str, where: str, allowed: tuple[str, ...]
) -> tuple[str, ...]:
    value = item.get(key, [])
    if isinstance(value, str):
        value = [value]
    out = tuple(value)
    for word in out:
        if word not in allowed:
            raise RecoveryAdvisorError(
                f"{where}.{key}: {word!r} is not one of {', '.join(allowed)}"
            )
    return out


_KEYS = ("name", "primary", "secondary", "pattern", "region", "role", "equipment", "aliases")


def _entry(item: Any, where: str) -> CatalogueEntry:
    if not isinstance(item, Mapping) or "name" not in item:
        raise RecoveryAdvisorError(f"{where}: an exercise needs at least a name")
    unknown = sorted(str(k) for k in item if k not in _KEYS)
    if unknown:
        raise RecoveryAdvisorError(
            f"{where}: {item['name']!r} has unknown field(s) {', '.join(unknown)}; "
            f"the fields are {', '.join(_KEYS)}"
        )
    primary = _words(item, "primary", where, MUSCLES)
    if not primary:
        raise RecoveryAdvisorError(f"{where}: {item['name']!r} needs at least one primary muscle")
    pattern = item.get("pattern", "other")
    region = item.get("region", "full")
    role = item.get("role", "accessory")
    for key, value, allowed in (
        ("pattern", pattern, PATTERNS),
        ("region", region, REGIONS),
        ("role", role, ROLES),
    ):
        if value not in allowed:
            raise RecoveryAdvisorError(
                f"{where}.{key}: {value!r} is not one of {', '.join(allowed)}"
            )
    return CatalogueEntry(
        name=str(item["name"]),
        primary=primary,
        secondary=_words(item, "secondary", where, MUSCLES),
        pattern=pattern,
        region=region,
        role=role,
        equipment=str(item.get("equipment", "other")),
        aliases=_aliases(item, where),
    )


def _aliases(item: Mapping[str, Any], where: str) -> tuple[str, ...]:
    value = item.get("aliases", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(a, str) and a.strip() for a in value):
        raise RecoveryAdvisorError(
            f"{where}.aliases: {item['name']!r} needs a list of non-empty names, got {value!r}"
        )
    return tuple(value)
