"""Hypothesis strategies shared by the tests, every one with explicit bounds.

``st.builds`` does not read the classes' field checks (a value out of bounds raises
``HistoryError`` when the object is built; it is not filtered out), so the bounds here are the
documented ones of history format 1 (``docs/history-format.md``). History times are at or before :data:`NOW` (the
library refuses workouts and check-ins more than 5 minutes in the future) and cluster in the last
days, where the rules look. The export strategies (``export_*``, ``messy_exports``) feed the
importer tests.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

import yaml
from hypothesis import strategies as st

import recovery_advisor as ra
from recovery_advisor._validate import MAX_STRING
from recovery_advisor.facts import FACT_SCHEMA, FIELD_VALUES
from recovery_advisor.history import CHECKIN_MUSCLES
from recovery_advisor.vocabulary import (
    ACTIONS,
    EXPERIENCES,
    FEELINGS,
    GOALS,
    SET_TYPES,
    SEVERITIES,
)

#: Exercise names as apps write them, including commas, quotes and accents that need quoting.
EXPORT_NAMES = (
    "Squat (Barbell)",
    "Deadlift (Barbell)",
    "Lat Pulldown (Cable)",
    'Row, "Seal" (Barbell)',
    "Soulevé de terre (Barre)",
    "Overhead Press (Each Side, Dumbbells)",
)


@st.composite
def export_sets(draw: st.DrawFn) -> dict[str, Any]:
    """One strength set as an export row holds it: reps 1-30, weight 0-300 in halves, RPE blank
    or 1-10 in halves, a set order that is a number 1-12 or W, D or F."""
    return {
        "exercise": draw(st.sampled_from(EXPORT_NAMES)),
        "order": draw(st.one_of(st.integers(1, 12).map(str), st.sampled_from(("W", "D", "F")))),
        "weight": draw(st.integers(0, 600)) / 2,
        "reps": draw(st.integers(1, 30)),
        "rpe": draw(st.one_of(st.none(), st.integers(2, 20).map(lambda h: h / 2))),
    }


@st.composite
def export_workouts(draw: st.DrawFn) -> list[tuple[datetime, str, list[dict[str, Any]]]]:
    """1-4 workouts on distinct days of 2020-2026, each with 1-12 sets."""
    days = draw(st.lists(st.integers(0, 2500), min_size=1, max_size=4, unique=True))
    out = []
    for day in days:
        clock = datetime(2020, 1, 1, draw(st.integers(5, 21)), draw(st.integers(0, 59)))
        start = clock + timedelta(days=day)
        name = draw(st.sampled_from(("Lower", "Upper, heavy", "Séance")))
        out.append((start, name, draw(st.lists(export_sets(), min_size=1, max_size=12))))
    return out


#: The header of every format the importers read (and one that is no export), each with a valid
#: data row (delimiter ``|``) that the messy rows are made from.
EXPORT_SHAPES = (
    (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE",
        "2026-03-02 18:05:11|Lower|1h 10min|Squat (Barbell)|1|100|5|0|0|||8",
    ),
    (
        "Workout #;Date;Workout Name;Duration (sec);Exercise Name;Set Order;Weight (lbs);Reps;"
        "RPE;Distance (meters);Seconds;Notes;Workout Notes",
        "1|2019-02-11 18:00:00|Push|3720|Bench Press (Barbell)|2|185|5|8|0|0||",
    ),
    (
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;"
        "Distance Unit;Seconds;Notes;Workout Notes;Workout Duration",
        "2022-01-10 12:00:00|Full body|Deadlift (Barbell)|1|120|kg|5|8,5||||0|||1h 10min",
    ),
    (
        "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,"
        "set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe",
        "Lower|9 Apr 2026, 17:18|9 Apr 2026, 18:05||Hack Squat (Machine)|||1|normal|80|8|||8",
    ),
    (
        "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time",
        "2017-06-23|Flat Barbell Bench Press|Chest|80.0|8|||",
    ),
    (
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment",
        "2018-01-08|Deadlift|Back|140.0|kgs|5||||",
    ),
    ("date,muscle,feeling,level", "2026-11-24|hamstrings|tight|3"),
    ("date,hours", "2026-11-23|7.5"),
    ("Date,Description,Amount", "2026-01-02|Coffee|-3.50"),
)
CELL_SAMPLES = (
    "",
    "0",
    "5",
    "-3",
    "7.3",
    "82,5",
    "1e400",
    "nan",
    "W",
    "Rest Timer",
    "kg",
    "lbs",
    "stone",
    "2026-04-09 17:18:00",
    "9 Apr 2026, 17:18",
    "May 15, 2026, 7:26 PM",
    "31.02.2026, 07:30",
    "99/99/9999",
    "1h 10min",
    "42h",
    "0:09:21",
    "hamstrings",
    "tight",
    'Row, "Seal"',
    "(unbalanced",
)


@st.composite
def messy_exports(draw: st.DrawFn) -> str:
    """A header of a known format, then 0-6 rows: each a valid row with 0-3 cells replaced by
    awkward values or short random text, or (one time in four) 0-16 random cells. Cells are
    joined by the header's delimiter without quoting, so commas and quotes inside values
    shift or break the columns as they do in real files."""
    header, valid = draw(st.sampled_from(EXPORT_SHAPES))
    delimiter = ";" if header.count(";") > header.count(",") else ","
    cell = st.one_of(
        st.sampled_from(CELL_SAMPLES),
        st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12),
    )
    base = valid.split("|")
    lines = [header]
    for _ in range(draw(st.integers(0, 6))):
        if draw(st.integers(0, 3)) == 0:
            cells = draw(st.lists(cell, max_size=16))
        else:
            cells = list(base)
            for _ in range(draw(st.integers(0, 3))):
                cells[draw(st.integers(0, len(cells) - 1))] = draw(cell)
        lines.append(delimiter.join(cells))
    return "\n".join(lines) + "\n"


# ================================================================ histories, plans, rule files
NOW = datetime(2026, 11, 25, 8, 0)
NOW_TEXT = NOW.isoformat()
BOOK = ra.RuleBook.default()
CATALOGUE = ra.Catalogue.default()
CATALOGUE_NAMES = sorted({e.name for e in CATALOGUE} | {a for e in CATALOGUE for a in e.aliases})
UNKNOWN_NAMES = ("Zercher Thing", "Landmine Twist Variant", "Banded Mystery Press", "Yoke Walk 2")

# ---------------------------------------------------------------- scalars
#: minutes before NOW: mostly the last 10 days (what the rules look at), sometimes up to 120 days
minutes_back = st.one_of(
    st.integers(0, 10 * 24 * 60),
    st.integers(0, 120 * 24 * 60),
)
offsets = st.sampled_from([None, 0, 60, -300, 330, 600])


def _moment(minutes: int, offset: int | None) -> datetime:
    moment = NOW - timedelta(minutes=minutes)
    if offset is None:
        return moment
    # the wall-clock time stays before NOW: a naive NOW reads an aware time as its wall clock
    return moment.replace(tzinfo=timezone(timedelta(minutes=offset)))


moments = st.builds(_moment, minutes_back, offsets)
moment_texts = moments.map(datetime.isoformat)
days_back = st.integers(0, 14).map(lambda d: NOW.date() - timedelta(days=d))

reps = st.integers(0, 30)
weights = st.one_of(
    st.integers(0, 400),
    st.floats(0, 400, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 1)),
)
rpes = st.integers(2, 20).map(lambda half: half / 2)  # 1.0 .. 10.0 in halves
rirs = st.one_of(st.integers(0, 10), st.integers(0, 20).map(lambda half: half / 2))
set_types = st.sampled_from(SET_TYPES)

# ---------------------------------------------------------------- names (any valid text)
#: Characters that text must survive on its way through the engine's JSON, the reports and the
#: rule-file YAML: quotes, a backslash and a backtick; tab, newline, CR and other control
#: characters (NUL, ESC, DEL); JSON, template and markup syntax; a right-to-left mark, a line
#: separator, a byte-order mark, emoji and a variation selector, accents, CJK. Each is one code
#: point and none is an ASCII letter or digit, so a catalogue name decorated with them is still
#: the same exercise (the catalogue matches on ASCII words).
AWKWARD_CHARS = (
    *"\"'\\`\t\n\r\x00\x01\x1b\x7f{}[]$%&<>",
    "\u200f",
    "\u2028",
    "\ufeff",
    "\U0001f4aa",  # flexed biceps
    "\U0001f3cb",  # weight lifter
    "\ufe0f",  # variation selector
    "é",
    "ß",
    "—",
    "中",
)
#: Fixed awkward names that the generated rule files also use as literals, so equality on a name
#: can hold with such text on both sides.
AWKWARD_NAMES = (
    'Row, "Seal" (Barbell)',
    "Curl \\ Press",
    "Soulevé de terre 💪 \U0001f3cb\ufe0f",
    "Tab\tand\nnewline",
    "Nul\x00byte",
    "卧推",
)
_name_chars = st.one_of(st.sampled_from(AWKWARD_CHARS), st.characters(codec="utf-8"))


def names(min_size: int = 1, max_size: int = MAX_STRING) -> st.SearchStrategy[str]:
    """Any text the history format accepts as a name (valid Unicode, at most ``max_size``
    characters, not blank when ``min_size`` is 1): awkward characters are drawn often."""
    text = st.text(_name_chars, min_size=min_size, max_size=max_size)
    return text.filter(str.strip) if min_size else text


def _decorated(k: int, before: str, between: str, after: str) -> str:
    return (before + CATALOGUE_NAMES[k].replace(" ", between) + after)[:MAX_STRING]


#: A catalogue name with awkward characters around it and between its words: still that
#: exercise, so the text reaches the facts about known lifts (not only the unknown-name notes).
#: (Drawn by index: a third copy of the 1,330 names in the strategy's repr made Hypothesis warn.)
decorated_names = st.builds(
    _decorated,
    st.integers(0, len(CATALOGUE_NAMES) - 1),
    st.text(st.sampled_from(AWKWARD_CHARS), max_size=3),
    st.sampled_from([" ", "\t", " \U0001f4aa ", '" "', "\\ ", " \x00 ", "\u2028"]),
    st.text(st.sampled_from(AWKWARD_CHARS), max_size=3),
)


exercise_names = st.one_of(
    st.sampled_from(CATALOGUE_NAMES),
    st.sampled_from(CATALOGUE_NAMES).map(str.upper),
    st.sampled_from(UNKNOWN_NAMES),
    st.sampled_from(AWKWARD_NAMES),
    decorated_names,
    names(),
)
#: a workout's name may be empty (or absent)
workout_names = st.one_of(
    st.none(), st.sampled_from(["Legs", "Back day", "Push", "", *AWKWARD_NAMES]), names(0)
)
hours_slept = st.integers(0, 240).map(lambda tenth: tenth / 10)

# ---------------------------------------------------------------- JSON-like format 1
set_dicts = st.fixed_dictionaries(
    {"reps": reps},
    optional={"weight_kg": weights, "rpe": rpes, "rir": rirs, "type": set_types},
)
exercise_dicts = st.fixed_dictionaries(
    {"name": exercise_names, "sets": st.lists(set_dicts, max_size=6)}
)
workout_dicts = st.fixed_dictionaries(
    {"start": moment_texts, "exercises": st.lists(exercise_dicts, max_size=5)},
    optional={
        "name": workout_names,
        "duration_min": st.integers(0, 240),
        "session_rpe": st.integers(0, 10),
    },
)
checkin_dicts = st.fixed_dictionaries(
    {
        "at": moment_texts,
        "muscle": st.sampled_from(CHECKIN_MUSCLES),
        "feeling": st.sampled_from(FEELINGS),
    },
    optional={"level": st.integers(1, 5)},
)
sleep_dicts = st.fixed_dictionaries({"date": days_back.map(date.isoformat), "hours": hours_slept})
athlete_dicts = st.fixed_dictionaries(
    {},
    optional={
        "experience": st.sampled_from(EXPERIENCES),
        "sessions_per_week": st.integers(0, 21),
        "goals": st.lists(st.sampled_from(GOALS), unique=True, max_size=3),
        "body_mass_kg": st.integers(40, 160),
    },
)
history_dicts = st.fixed_dictionaries(
    {},
    optional={
        "format_version": st.just(1),
        "athlete": athlete_dicts,
        # a workout (same start and exercises) or a night given twice is refused by the
        # library, so valid histories have unique starts and dates
        "workouts": st.lists(workout_dicts, max_size=10, unique_by=lambda w: str(w["start"])),
        "checkins": st.lists(checkin_dicts, max_size=5),
        "sleep": st.lists(sleep_dicts, max_size=6, unique_by=lambda n: n["date"]),
    },
)

# ---------------------------------------------------------------- History objects
workout_sets = st.builds(
    ra.WorkoutSet,
    reps=reps,
    weight_kg=st.none() | weights.map(float),
    rpe=st.none() | rpes,
    rir=st.none() | rirs.map(float),
    type=set_types,
)
exercises = st.builds(
    ra.Exercise, name=exercise_names, sets=st.lists(workout_sets, max_size=6).map(tuple)
)


def workouts_of(exercise: st.SearchStrategy[ra.Exercise], max_exercises: int) -> Any:
    """Workouts at any of :data:`moments` holding up to ``max_exercises`` of ``exercise``."""
    return st.builds(
        ra.Workout,
        start=moments,
        exercises=st.lists(exercise, max_size=max_exercises).map(tuple),
        name=workout_names,
        duration_min=st.none() | st.integers(0, 240).map(float),
        session_rpe=st.none() | st.integers(0, 10).map(float),
    )


workouts = workouts_of(exercises, 5)
checkins = st.builds(
    ra.CheckIn,
    at=moments,
    muscle=st.sampled_from(CHECKIN_MUSCLES),
    feeling=st.sampled_from(FEELINGS),
    level=st.integers(1, 5),
)
sleep = st.builds(ra.Sleep, date=days_back, hours=hours_slept)
athletes = st.builds(
    ra.Athlete,
    experience=st.none() | st.sampled_from(EXPERIENCES),
    sessions_per_week=st.none() | st.integers(0, 21),
    goals=st.lists(st.sampled_from(GOALS), unique=True, max_size=3).map(tuple),
    body_mass_kg=st.none() | st.integers(40, 160).map(float),
)
histories = st.builds(
    ra.History,
    athlete=athletes,
    workouts=st.lists(workouts, max_size=10, unique_by=lambda w: w.start).map(tuple),
    checkins=st.lists(checkins, max_size=5).map(tuple),
    sleep=st.lists(sleep, max_size=6, unique_by=lambda n: n.date).map(tuple),
)
#: both shapes advise() accepts
any_history = st.one_of(histories, history_dicts)

# ---------------------------------------------------------------- frames (pandas)
#: Exercises of three names, with 0-3 sets, so that exercises of the same name follow each
#: other, with and without sets (what a frame must keep apart).
frame_exercises = st.builds(
    ra.Exercise,
    name=st.sampled_from(("Squat (Barbell)", "Plank", "Pull Up")),
    sets=st.lists(workout_sets, max_size=3).map(tuple),
)
frame_workouts = workouts_of(frame_exercises, 6)
#: Histories of 0-6 such workouts (only workouts: a frame holds nothing else), no two at the
#: same moment (a frame cannot tell apart two workouts of the same start and name).
frame_histories = st.builds(
    ra.History,
    workouts=st.lists(frame_workouts, max_size=6, unique_by=lambda w: w.start).map(tuple),
)

# ---------------------------------------------------------------- plans
planned_dicts = st.fixed_dictionaries(
    {"name": exercise_names},
    optional={
        "sets": st.integers(1, 20),
        "reps": st.one_of(
            st.sampled_from(["5", "8-10", "10 per leg", "3 rounds", "12", "30 s"]),
            st.integers(1, 30),
            # a count or a rising range, then any words (reps text is at most 40 characters)
            st.builds(
                lambda low, extra, words: f"{low}-{low + extra} {words}"[:40].strip(),
                st.integers(1, 30),
                st.integers(0, 10),
                st.text(st.characters(categories=("L",)), max_size=20),
            ),
        ),
        "optional": st.booleans(),
    },
)
plans = st.one_of(
    st.none(),
    st.sampled_from(sorted(BOOK.plans)),
    st.lists(exercise_names, min_size=1, max_size=8),
    st.lists(planned_dicts, min_size=1, max_size=8),
    # a named plan: its name (at most 80 characters) is a fact the rules can test
    st.fixed_dictionaries(
        {"exercises": st.lists(planned_dicts, min_size=1, max_size=8)},
        optional={"name": st.one_of(st.sampled_from(AWKWARD_NAMES), names(max_size=80))},
    ),
)

# ---------------------------------------------------------------- rule files
#: text values the facts take, per field of free text (anything else is a plausible non-match);
#: a field with a vocabulary (FIELD_VALUES) takes only its words: rule files cannot name others
TEXT_VALUES: dict[str, tuple[str, ...]] = {
    "ready_at": ("now", "Wednesday morning"),
    "name": ("legs-and-back", "custom", "Barbell Deadlift", "Leg Press", *AWKWARD_NAMES),
    "exercise": ("Squat (Barbell)", "Deadlift (Barbell)", "", *AWKWARD_NAMES),
}
OTHER_TEXT = ("", "unknown", "Squat (Barbell)", "zzz", 'quote " and \\', "💪\x00\u2028")
#: numbers near the thresholds the bundled rules use (at most two decimals: see
#: test_engine_hazards.test_rule_literals_are_rounded_by_the_engine_only for finer ones)
numbers = st.one_of(
    st.integers(-5, 120),
    st.sampled_from([0, 0.5, 1.3, 1.5, 2.5, 6.5, 7.5, 33, 48, 67, 72, 99999]),
    st.integers(0, 2000).map(lambda hundredth: hundredth / 100),
)
FILE_PARAMS = {"p_low": 2, "p_mid": 7.5, "p_high": 72}


def _kind(fact: str, field: str) -> str:
    return FACT_SCHEMA[fact][field]


def _literal(draw: st.DrawFn, kind: str, fact: str, field: str) -> Any:
    if kind == "num":
        if draw(st.integers(0, 5)) == 0:
            return "$" + draw(st.sampled_from([*sorted(FILE_PARAMS), "heavy_rpe", "tight_level"]))
        return draw(numbers)
    if kind == "bool":
        return draw(st.booleans())
    vocabulary = FIELD_VALUES.get((fact, field))
    if vocabulary is not None:
        return draw(st.sampled_from(vocabulary))
    if draw(st.integers(0, 9)) == 0:
        return "$mobility_reps"  # a text parameter
    return draw(st.sampled_from(TEXT_VALUES.get(field, ()) + OTHER_TEXT))


def _condition(draw: st.DrawFn, fact: str, bound: dict[str, str], negated: bool) -> tuple[str, Any]:
    field = draw(st.sampled_from(list(FACT_SCHEMA[fact])))
    kind = _kind(fact, field)
    refs = [
        f"{alias}.{other}"
        for alias, other_fact in bound.items()
        for other, other_kind in FACT_SCHEMA[other_fact].items()
        if other_kind == kind
    ]
    if refs and not negated and draw(st.integers(0, 3)) == 0:
        ops = ["eq", "ne"] + (["lt", "lte", "gt", "gte"] if kind == "num" else [])
        return field, {draw(st.sampled_from(ops)): {"ref": draw(st.sampled_from(refs))}}
    if kind == "num":
        op = draw(
            st.sampled_from(["eq", "ne", "lt", "lte", "gt", "gte", "between", "in", "not_in"])
        )
    elif kind == "bool":
        op = draw(st.sampled_from(["eq", "ne"]))
    else:
        op = draw(st.sampled_from(["eq", "ne", "in", "not_in"]))
    if op == "between":
        low, high = sorted([draw(numbers), draw(numbers)])
        return field, {"between": [low, high]}
    if op in ("in", "not_in"):
        values = [_literal(draw, kind, fact, field) for _ in range(draw(st.integers(1, 3)))]
        return field, {op: values}
    value = _literal(draw, kind, fact, field)
    return field, (value if op == "eq" and draw(st.booleans()) else {op: value})


@st.composite
def where_maps(
    draw: st.DrawFn, fact: str, bound: dict[str, str], negated: bool, depth: int = 0
) -> dict[str, Any]:
    where: dict[str, Any] = {}
    for _ in range(draw(st.integers(0, 3))):
        field, cond = _condition(draw, fact, bound, negated)
        where.setdefault(field, cond)
    if depth < 2 and FACT_SCHEMA[fact] and draw(st.integers(0, 4)) == 0:
        options = []
        for _ in range(draw(st.integers(1, 3))):
            option = draw(where_maps(fact, bound, negated, depth + 1))
            if not option:  # an option needs at least one condition
                field, cond = _condition(draw, fact, bound, negated)
                option = {field: cond}
            options.append(option)
        where["any"] = options
    return where


@st.composite
def rules(draw: st.DrawFn, rule_id: str) -> dict[str, Any]:
    """One valid rule: 1-3 facts to match (some absent), conditions on their fields."""
    types = [t for t in FACT_SCHEMA if t != "sentinel"]
    bound: dict[str, str] = {}
    when = []
    for k in range(draw(st.integers(1, 3))):
        fact = draw(st.sampled_from(types))
        negated = k > 0 and draw(st.integers(0, 3)) == 0
        entry: dict[str, Any] = {"fact": fact}
        where = draw(where_maps(fact, dict(bound), negated))
        if where:
            entry["where"] = where
        if negated:
            entry["absent"] = True
        else:
            alias = f"f{k}"
            entry["as"] = alias
            bound[alias] = fact
        when.append(entry)
    placeholders = [f"{{{a}.{f}}}" for a, t in bound.items() for f in list(FACT_SCHEMA[t])[:2]]
    return {
        "id": rule_id,
        "title": f"Generated rule {rule_id}",
        "source": "generated by tests/strategies.py",
        "when": when,
        "then": {
            "action": draw(st.sampled_from(ACTIONS)),
            "severity": draw(st.sampled_from(SEVERITIES)),
            "message": "fired: " + " ".join(placeholders),
        },
        "examples": {
            "fires": [{"name": "any", "history": {}}],
            "silent": [{"name": "none", "history": {}}],
        },
    }


@st.composite
def rule_file_texts(draw: st.DrawFn, max_rules: int = 4) -> str:
    """The YAML text of a valid rule file built from FACT_SCHEMA and the operators."""
    n = draw(st.integers(1, max_rules))
    doc = {
        "version": 1,
        "params": dict(FILE_PARAMS),
        "rules": [draw(rules(f"gen-{k}")) for k in range(n)],
    }
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


BUNDLED_TEXTS = tuple(
    p.read_text(encoding="utf-8") for p in sorted(ra.rulebook.bundled_rules_dir().glob("*.yaml"))
)
_JUNK = st.text(
    alphabet=st.sampled_from(list(":-{}[],'\"#&*!|>%@`\t \n$?abz019.")), min_size=1, max_size=12
)


@st.composite
def mutated_rule_texts(draw: st.DrawFn) -> str:
    """A bundled or generated rule file with 1-4 random edits: lines deleted, duplicated or
    re-indented, characters replaced, junk inserted, names misspelt, the text cut short."""
    text = draw(st.one_of(st.sampled_from(BUNDLED_TEXTS), rule_file_texts(max_rules=2)))
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        k = draw(st.integers(0, max(0, len(lines) - 1)))
        edit = draw(st.integers(0, 7))
        if edit == 0 and len(lines) > 1:
            del lines[k]
        elif edit == 1:
            lines.insert(k, lines[k])
        elif edit == 2:
            lines[k] = draw(st.sampled_from(["  ", "", "    ", "\t"])) + lines[k].lstrip()
        elif edit == 3 and lines[k]:
            pos = draw(st.integers(0, len(lines[k]) - 1))
            lines[k] = lines[k][:pos] + draw(_JUNK) + lines[k][pos + 1 :]
        elif edit == 4:
            lines.insert(k, draw(_JUNK))
        elif edit == 5:
            words = [w for w in lines[k].replace(":", " ").split() if len(w) > 3]
            if words:
                word = draw(st.sampled_from(words))
                lines[k] = lines[k].replace(word, word[:-1], 1)
        elif edit == 6:
            pos = draw(st.integers(0, len(text)))
            return text[:pos]
        else:
            value = draw(st.sampled_from(["1e400", "-.inf", ".nan", "1" + "0" * 30, "''", "~"]))
            lines[k] = lines[k].rstrip() + " " + value if ":" in lines[k] else lines[k]
        text = "\n".join(lines)
    return text


# ---------------------------------------------------------------- rated training (readiness)
#: Sets whose effort is stated (RPE, RIR or a failure set), so no set's effort depends on an
#: estimated 1RM that other sets could change: the readiness properties hold set by set.
rated_sets = st.builds(
    ra.WorkoutSet,
    reps=st.integers(1, 20),
    weight_kg=st.none() | st.integers(20, 300).map(float),
    rpe=rpes,
    type=st.sampled_from(("normal", "failure", "dropset")),
)
rated_exercises = st.builds(
    ra.Exercise,
    name=st.sampled_from(CATALOGUE_NAMES),
    sets=st.lists(rated_sets, min_size=1, max_size=5).map(tuple),
)


def rated_workouts(hours_back: st.SearchStrategy[int]) -> st.SearchStrategy[ra.Workout]:
    """Workouts of known-effort sets that started ``hours_back`` hours before :data:`NOW`."""
    return st.builds(
        ra.Workout,
        start=hours_back.map(lambda h: NOW - timedelta(hours=h)),
        exercises=st.lists(rated_exercises, min_size=1, max_size=4).map(tuple),
    )


rated_histories = st.builds(
    ra.History,
    # a workout with the start and exercises of another is a copy, which a History refuses
    workouts=st.lists(
        rated_workouts(st.integers(0, 24 * 10)),
        max_size=6,
        unique_by=lambda w: (w.start, w.exercises),
    ).map(tuple),
)


# ---------------------------------------------------------------- unrated training (estimated effort)
#: Lifts that repeat across workouts, so estimated efforts are rated against each other's bests
#: (two names of one catalogue entry among them), mixed with any catalogue name.
LIFTS = (
    "Squat (Barbell)",
    "Back Squat",
    "Leg Press",
    "Deadlift (Barbell)",
    "Bench Press (Barbell)",
)
#: Loads in 2.5 kg steps (20-300 kg), so equal sets recur.
unrated_loads = st.integers(8, 120).map(lambda steps: steps * 2.5)


@st.composite
def unrated_exercises(draw: st.DrawFn) -> ra.Exercise:
    """An exercise of sets with no RPE and no RIR, the norm in Strong and Hevy exports (their
    effort is estimated from the load relative to the best estimated 1RM before them): mostly a
    repeating lift (three draws in four), else any catalogue name; 1-5 straight sets (one load,
    1-12 reps, as people train), then 0-2 other sets of any type, 1-20 reps, at 40-100 % of
    that load or none."""
    name = draw(st.one_of(*[st.sampled_from(LIFTS)] * 3, st.sampled_from(CATALOGUE_NAMES)))
    load = draw(unrated_loads)
    sets = [ra.WorkoutSet(reps=draw(st.integers(1, 12)), weight_kg=load)] * draw(st.integers(1, 5))
    for _ in range(draw(st.integers(0, 2))):
        share = draw(st.one_of(st.none(), st.integers(40, 100)))
        sets.append(
            ra.WorkoutSet(
                reps=draw(st.integers(1, 20)),
                weight_kg=None if share is None else max(20.0, load * share // 250 * 2.5),
                type=draw(st.one_of(st.just("normal"), set_types)),
            )
        )
    return ra.Exercise(name=name, sets=tuple(sets))


def unrated_workouts(hours_back: st.SearchStrategy[int]) -> st.SearchStrategy[ra.Workout]:
    """Workouts of unrated sets that started ``hours_back`` hours before :data:`NOW`."""
    return st.builds(
        ra.Workout,
        start=hours_back.map(lambda h: NOW - timedelta(hours=h)),
        exercises=st.lists(unrated_exercises(), min_size=1, max_size=4).map(tuple),
    )


def _heavier(draw: st.DrawFn, lifts: list[ra.Exercise]) -> ra.Exercise:
    """1-3 sets of one of ``lifts`` at 100-150 % of its first set's load (in 2.5 kg steps)."""
    lift = draw(st.sampled_from(lifts))
    first = lift.sets[0]
    load = round(float(first.weight_kg or 0) * draw(st.integers(100, 150)) / 100 / 2.5) * 2.5
    heavier = ra.WorkoutSet(reps=first.reps, weight_kg=max(load, 20.0))
    return ra.Exercise(name=lift.name, sets=(heavier,) * draw(st.integers(1, 3)))


def _lifts(workouts: list[ra.Workout], since: datetime) -> list[ra.Exercise]:
    return [e for w in workouts if w.start >= since for e in w.exercises if e.sets[0].weight_kg]


@st.composite
def unrated_histories(draw: st.DrawFn) -> ra.History:
    """0-4 unrated workouts in the 2 days before :data:`NOW` and 0-3 at 88-91 days, around the
    edge of the 90-day e1RM window. Half the time the last old workout is 1-3 sets of a recent
    lift at up to 1.5 times its load: a best that, with a window counted back from now, would
    leave the window within hours and make the recent sets count as harder."""
    recent = draw(
        st.lists(unrated_workouts(st.integers(0, 24 * 2)), max_size=4, unique_by=lambda w: w.start)
    )
    old = draw(
        st.lists(
            unrated_workouts(st.integers(24 * 88, 24 * 91)),
            max_size=3,
            unique_by=lambda w: w.start,
        )
    )
    lifts = _lifts(recent, NOW - timedelta(days=2))
    if old and lifts and draw(st.booleans()):
        old[-1] = ra.Workout(start=old[-1].start, exercises=(_heavier(draw, lifts),))
    return ra.History(workouts=(*old, *recent))


@st.composite
def unrated_history_and_later_workout(draw: st.DrawFn) -> tuple[ra.History, ra.Workout]:
    """An unrated workout 0-2 days before :data:`NOW` and an unrated history of 0-6 workouts
    that all started 1 hour to 3 days, or 85 to 95 days, before it. Half the time the later
    workout is 1-3 sets of a lift of the last 4 days at up to 1.5 times its load (a new best):
    a best taken over the whole window would re-rate the earlier sets as easier."""
    extra_h = draw(st.integers(0, 24 * 2))
    hours_before = st.one_of(st.integers(1, 24 * 3), st.integers(24 * 85, 24 * 95))
    earlier = draw(
        st.lists(
            unrated_workouts(hours_before.map(lambda h: extra_h + h)),
            max_size=6,
            unique_by=lambda w: w.start,
        )
    )
    extra = draw(unrated_workouts(st.just(extra_h)))
    lifts = _lifts(earlier, NOW - timedelta(days=4))  # sets that still leave fatigue
    if lifts and draw(st.booleans()):
        extra = ra.Workout(start=extra.start, exercises=(_heavier(draw, lifts),))
    return ra.History(workouts=tuple(earlier)), extra


# --- swaps: an exercise of the catalogue, a muscle it works, exercises already in the session and
# preferred options, all drawn from the default catalogue (440 exercises, 89 drills)
_CATALOGUE_ENTRIES = tuple(ra.Catalogue.default())
catalogue_entries = st.sampled_from(_CATALOGUE_ENTRIES)


@st.composite
def swap_cases(draw: st.DrawFn) -> dict[str, Any]:
    """A loaded exercise to replace, one of its muscles, ``to`` (``mobility`` or ``accessory``),
    up to 8 names already in the session and up to 6 preferred options."""
    original = draw(catalogue_entries.filter(lambda e: e.role != "mobility"))
    return {
        "original": original,
        "muscle": draw(st.sampled_from(original.muscles)),
        "to": draw(st.sampled_from(("mobility", "accessory"))),
        "avoid": sorted({e.name for e in draw(st.lists(catalogue_entries, max_size=8))}),
        "options": [e.name for e in draw(st.lists(catalogue_entries, max_size=6))],
    }


# ---------------------------------------------------------------- unusual input (fast read)
def _objects(value: Any) -> list[dict[str, Any]]:
    """Every object (dict) in ``value``, outermost first."""
    if isinstance(value, dict):
        return [value, *(o for v in value.values() for o in _objects(v))]
    if isinstance(value, (list, tuple)):
        return [o for v in value for o in _objects(v)]
    return []


#: Changes to one object of a valid history that the fast read of JSON input must either read
#: as History.from_dict does or leave to it: extension keys, explicit nulls and defaults, whole
#: numbers written as floats, Python values (datetimes, dates, tuples), repeated or future
#: starts, a date-time for a night, and plainly bad values.
_ODD_EDITS: tuple[tuple[str, Any], ...] = (
    ("x-app", "my-app 2.1"),
    ("x_id", 991),
    ("name", None),
    ("weight_kg", None),
    ("rpe", None),
    ("type", "normal"),
    ("level", 3.0),
    ("level", None),
    ("reps", 5.0),
    ("reps", 1000),
    ("rpe", 10),
    ("rpe", 9.25),
    ("rir", 10),
    ("hours", 24),
    ("sessions_per_week", 4.0),
    ("experience", None),
    ("goals", ("strength", "strength")),
    ("body_mass_kg", 20),
    ("duration_min", 1440),
    ("format_version", 1.0),
    ("format_version", True),
    ("start", datetime(2026, 11, 24, 18, 0)),
    ("start", "2026-11-24"),
    ("start", "2026-11-24 18:00Z"),
    ("start", "2026-11-25T08:04:00"),
    ("start", "2026-11-25T08:06:00"),
    ("start", "2026-11-24T18:00:00.123+05:30"),
    ("at", "2026-11-25T08:06:00"),
    ("date", "2026-11-25T06:00:00"),
    ("date", date(2026, 11, 24)),
    ("date", "1899-12-31"),
    ("sets", ()),
    ("exercises", []),
    ("muscle", "posterior_chain"),
    ("feeling", "Pain"),
)


@st.composite
def odd_history_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """A valid history dict with 1-4 edits from :data:`_ODD_EDITS` on random objects, and
    sometimes a workout given again (the same, or the same start with other exercises)."""
    data: dict[str, Any] = draw(history_dicts)
    objects = _objects(data)
    for _ in range(draw(st.integers(1, 4))):
        target = draw(st.sampled_from(objects))
        key, value = draw(st.sampled_from(_ODD_EDITS))
        target[key] = value
    workouts = data.get("workouts")
    if workouts and draw(st.booleans()):
        again = dict(draw(st.sampled_from(workouts)))
        if draw(st.booleans()):
            again["exercises"] = []
        workouts.append(again)
    return data


def _write(value: Any, rnd: Any) -> str:
    """JSON text for ``value``, written in varied ways: spaces and newlines around separators,
    key characters as ``\\u`` escapes, colons in text as ``\\u003a``, non-ASCII escaped or not,
    and now and then a key given twice."""
    if isinstance(value, dict):
        items = list(value.items())
        if items and rnd.random() < 0.05:
            key, again = rnd.choice(items)
            items.insert(rnd.randint(0, len(items)), (key, again if rnd.random() < 0.5 else None))
        colon = rnd.choice([":", ": ", " : ", "\n:\t"])
        comma = rnd.choice([",", ", ", ",\n  "])
        return "{" + comma.join(_key(k, rnd) + colon + _write(v, rnd) for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_write(v, rnd) for v in value) + "]"
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=rnd.random() < 0.5)
        return text.replace(":", "\\u003a") if rnd.random() < 0.1 else text
    return json.dumps(value)


def _key(key: str, rnd: Any) -> str:
    if key and rnd.random() < 0.03:
        k = rnd.randrange(len(key))
        return '"' + key[:k] + f"\\u{ord(key[k]):04x}" + json.dumps(key[k + 1 :])[1:]
    return json.dumps(key)


def _jsonable(data: dict[str, Any]) -> Any:
    return json.loads(json.dumps(data, default=str))


@st.composite
def json_texts(draw: st.DrawFn) -> str:
    """JSON text of a history (valid, or with odd edits) or of an envelope holding one with a
    plan and sometimes ``now``, written by :func:`_write`."""
    data = _jsonable(draw(st.one_of(history_dicts, odd_history_dicts())))
    kind = draw(st.sampled_from(["document", "envelope", "envelope-now"]))
    if kind != "document":
        data = {"history": data, "plan": "legs-and-back"}
        if kind == "envelope-now":
            data["now"] = NOW_TEXT
    return _write(data, draw(st.randoms(use_true_random=False)))


# --- timestamp text: the common form YYYY-MM-DDTHH:MM:SS, each character replaced now and then
# by a digit out of range, another separator, a letter, a non-ASCII digit or nothing
_TIMESTAMP_CHARS = "0123456789-T :+Zt.\u0662\uff11"


@st.composite
def timestamp_texts(draw: st.DrawFn) -> str:
    """Text of 16 to 22 characters, mostly of the form ``YYYY-MM-DDTHH:MM:SS`` with any fields
    (months 00-19, hours 00-29, years 1800-2199), sometimes with characters swapped or cut."""
    text = (
        f"{draw(st.integers(1800, 2199)):04d}-{draw(st.integers(0, 19)):02d}-"
        f"{draw(st.integers(0, 39)):02d}T{draw(st.integers(0, 29)):02d}:"
        f"{draw(st.integers(0, 69)):02d}:{draw(st.integers(0, 69)):02d}"
    )
    chars = list(text)
    for _ in range(draw(st.integers(0, 2))):
        k = draw(st.integers(0, len(chars) - 1))
        chars[k] = draw(st.sampled_from(_TIMESTAMP_CHARS))
    extra = draw(st.sampled_from(("", "", "", "Z", "+01:00", ".123", "0")))
    return "".join(chars)[: draw(st.integers(16, 19))] + extra


# --- rule texts with placeholders, and matches that share some facts (as durable's do)
_TEMPLATE_PIECES = ("{a.muscle}", "{b.hours}", "{a.missing}", "{c.name}", "{$limit}", "{$nope}")


@st.composite
def template_cases(draw: st.DrawFn) -> tuple[list[str], list[dict[str, dict[str, Any]]]]:
    """Up to 4 texts of literal words and placeholders (some naming nothing bound), and 1 to 8
    matches binding ``a``, ``b`` and maybe ``c`` to facts drawn from a pool of 3 per alias, so
    several matches share a fact object."""
    pool = {
        alias: [
            {
                "muscle": draw(st.sampled_from(("lats", "lower_back", "glutes"))),
                "hours": draw(st.floats(0, 100, allow_nan=False).map(lambda x: round(x, 1))),
                "name": draw(st.sampled_from(("Deadlift", "Leg Press", 'Row "heavy"'))),
            }
            for _ in range(3)
        ]
        for alias in "abc"
    }
    words = st.sampled_from((*_TEMPLATE_PIECES, " and ", "Rest ", ": ", ""))
    texts = draw(st.lists(st.lists(words, max_size=6).map("".join), min_size=1, max_size=4))
    matches = []
    for _ in range(draw(st.integers(1, 8))):
        match = {alias: pool[alias][draw(st.integers(0, 2))] for alias in "ab"}
        if draw(st.booleans()):
            match["c"] = pool["c"][draw(st.integers(0, 2))]
        matches.append(match)
    return texts, matches
