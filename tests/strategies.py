"""Hypothesis strategies shared by the tests, every one with explicit bounds."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from hypothesis import strategies as st

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
