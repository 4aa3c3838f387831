"""Strong (iOS and Android) CSV exports, in every documented shape.

Shapes: ``classic`` (``Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,...``, no
unit), ``unit-in-header`` (the 2019 Android ``"Workout #";"Date";...;"Weight (kg)"`` and newer
exports: the unit in the header, the duration in seconds), ``2019-no-duration``, ``per-row-unit`` (a ``Weight Unit`` column) and
``per-row-unit-duration`` (plus ``Workout Duration``); headers may be English, French or German
(Spanish and Italian spellings are accepted too), separated by ``,`` or ``;``, with or without a
byte-order mark and decimal commas.
"""

from __future__ import annotations

from typing import Any

from ..errors import ImportFormatError
from ._common import (
    LB,
    AthleteLike,
    Collector,
    DateReader,
    Source,
    Table,
    ValueProblem,
    blank,
    cell,
    check_options,
    checked_duration,
    duration_minutes,
    fold,
    make_set,
    map_header,
    number,
    read_source,
    round_rpe,
    skip_without_reps,
    tidy,
    whole,
)
from .report import ImportResult

__all__ = ["STRONG_HEADERS", "read_strong"]

#: Folded header spellings (no accents, lower case) of each column, by language.
STRONG_HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "workout_no": ("workout #", "workout number", "workout no", "workout no."),
        "date": ("date",),
        "workout_name": ("workout name",),
        "duration": ("duration",),
        "exercise": ("exercise name",),
        "set_order": ("set order",),
        "weight": ("weight",),
        "weight_unit": ("weight unit",),
        "reps": ("reps",),
        "rpe": ("rpe",),
        "distance": ("distance",),
        "distance_unit": ("distance unit",),
        "seconds": ("seconds",),
        "notes": ("notes",),
        "workout_notes": ("workout notes",),
        "workout_duration": ("workout duration",),
    },
    "fr": {
        "workout_no": ("entrainement #", "n° d'entrainement", "no d'entrainement"),
        "workout_name": ("nom de l'entrainement", "nom d'entrainement"),
        "duration": ("duree",),
        "exercise": ("nom de l'exercice", "nom d'exercice"),
        "set_order": ("ordre de la serie", "ordre des series", "ordre de serie"),
        "weight": ("poids",),
        "weight_unit": ("unite de poids",),
        "reps": ("reps", "repetitions", "rep."),
        "seconds": ("secondes",),
        "distance_unit": ("unite de distance",),
        "workout_notes": ("notes d'entrainement", "notes de l'entrainement"),
        "workout_duration": ("duree de l'entrainement", "duree d'entrainement"),
    },
    "de": {
        "workout_no": ("workout-nr.", "workout-nr", "training #", "training-nr."),
        "date": ("datum",),
        "workout_name": ("workout-name", "trainingsname", "name des workouts"),
        "duration": ("dauer",),
        "exercise": ("name der ubung", "ubungsname", "ubung"),
        "set_order": ("reihenfolge festlegen", "satzreihenfolge", "satz-reihenfolge"),
        "weight": ("gewicht",),
        "weight_unit": ("gewichtseinheit",),
        "reps": ("wiederh.", "wiederh", "wiederholungen", "wdh.", "wdh"),
        "distance": ("distanz", "entfernung", "strecke"),
        "distance_unit": ("distanzeinheit", "entfernungseinheit"),
        "seconds": ("sekunden",),
        "notes": ("notizen",),
        "workout_notes": ("workout-notizen", "trainingsnotizen"),
        "workout_duration": ("workout-dauer", "trainingsdauer"),
    },
    "es": {
        "date": ("fecha",),
        "workout_name": ("nombre del entrenamiento",),
        "duration": ("duracion",),
        "exercise": ("nombre del ejercicio",),
        "set_order": ("orden de la serie", "orden de series"),
        "weight": ("peso",),
        "weight_unit": ("unidad de peso",),
        "reps": ("repeticiones",),
        "distance": ("distancia",),
        "distance_unit": ("unidad de distancia",),
        "seconds": ("segundos",),
        "notes": ("notas",),
        "workout_notes": ("notas del entrenamiento",),
        "workout_duration": ("duracion del entrenamiento",),
    },
    "it": {
        "date": ("data",),
        "workout_name": ("nome allenamento", "nome dell'allenamento"),
        "duration": ("durata",),
        "exercise": ("nome esercizio", "nome dell'esercizio"),
        "set_order": ("ordine serie", "ordine della serie"),
        "weight_unit": ("unita di peso",),
        "reps": ("ripetizioni",),
        "distance": ("distanza",),
        "distance_unit": ("unita di distanza",),
        "seconds": ("secondi",),
        "notes": ("note",),
        "workout_notes": ("note allenamento", "note dell'allenamento"),
        "workout_duration": ("durata allenamento", "durata dell'allenamento"),
    },
}

REQUIRED = ("date", "exercise", "reps")
_SET_TYPES = {"w": "warmup", "d": "dropset", "f": "failure"}
_REST_TIMER = ("rest timer", "minuteur de repos", "pausentimer", "pause-timer", "temporizador")
_POUNDS = ("lb", "lbs", "pound", "pounds", "livres", "pfund")
_KILOS = ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms")


def is_strong(columns: dict[str, int]) -> bool:
    return all(k in columns for k in REQUIRED) and ("set_order" in columns or "weight" in columns)


def unit_factor(unit: str, what: str) -> float:
    """1 for kilograms, 0.4536 for pounds; raises :class:`ValueProblem` for anything else."""
    u = fold(unit).rstrip(".")
    if u in _POUNDS:
        return LB
    if u in _KILOS or not u:
        return 1.0
    raise ValueProblem(f"{what} {unit!r} is not kg or lbs")


def _shape(columns: dict[str, int], units: dict[str, str]) -> str:
    if "weight_unit" in columns:
        has_duration = "workout_duration" in columns or "duration" in columns
        return "per-row-unit-duration" if has_duration else "per-row-unit"
    if "weight" in units or "workout_no" in columns:
        return "unit-in-header"
    return "classic" if "duration" in columns else "2019-no-duration"


def read_strong(
    source: Source,
    *,
    weight_unit: str | None = None,
    athlete: AthleteLike = None,
    date_order: str | None = None,
) -> ImportResult:
    """Read a Strong CSV export (any documented shape) from a path or an open text file.

    ``weight_unit`` (``"kg"`` or ``"lb"``) is the unit of a classic export, which does not say it
    (default kg, with a warning in the report); a file that says its unit is read in that unit.
    ``athlete`` is the profile to attach (an :class:`~recovery_advisor.Athlete` or a mapping);
    ``date_order`` (``"dmy"``/``"mdy"``) settles dates like ``05/06/2026``.
    Raises :class:`~recovery_advisor.ImportFormatError` when the file is not a Strong export.
    """
    check_options(weight_unit, date_order)
    text, name, enc_warnings = read_source(source)
    return parse_strong(
        text,
        name,
        weight_unit=weight_unit,
        athlete=athlete,
        date_order=date_order,
        warnings=enc_warnings,
    )


def parse_strong(
    text: str,
    name: str,
    *,
    weight_unit: str | None = None,
    athlete: AthleteLike = None,
    date_order: str | None = None,
    warnings: list[str] | None = None,
) -> ImportResult:
    table = Table(text, name)
    columns, units, language = map_header(table.header, STRONG_HEADERS)
    if not is_strong(columns):
        missing = [k for k in REQUIRED if k not in columns]
        raise ImportFormatError(
            "not a Strong export: expected columns like Date, Workout Name, Exercise Name, "
            f"Set Order, Weight, Reps (missing {', '.join(missing) or 'Set Order and Weight'}); "
            f"the header is {', '.join(table.header[:8])}",
            file=name,
        )
    shape = _shape(columns, units)
    col = Collector("strong", name)
    for w in warnings or ():
        col.warn(w)

    # Where the weight unit comes from: the header, a per-row column, or the caller.
    if "weight_unit" in columns:
        unit_source = "per-row"
        header_factor = 1.0
    elif units.get("weight"):
        try:
            header_factor = unit_factor(units["weight"], "the weight unit in the header")
        except ValueProblem as exc:
            raise ImportFormatError(str(exc), file=name, row=1) from None
        unit_source = "lb" if header_factor != 1.0 else "kg"
        if weight_unit is not None and unit_factor(weight_unit, "weight_unit") != header_factor:
            col.warn(
                f"weight_unit={weight_unit!r} was ignored: the header says "
                f"{table.header[columns['weight']]!r}"
            )
    else:
        header_factor = unit_factor(weight_unit or "kg", "weight_unit")
        unit_source = ("lb" if header_factor != 1.0 else "kg") if weight_unit else "kg (assumed)"

    duration_key = "workout_duration" if "workout_duration" in columns else "duration"
    duration_unit = units.get(duration_key, "")
    bare = "min" if fold(duration_unit).startswith("min") else "s"
    distance_unit = units.get("distance", "")

    dates = DateReader((cell(r, columns, "date") for _, r in table), date_order)
    if dates.warning:
        col.warn(dates.warning)
    width = len(table.header)
    durations: dict[Any, float | None] = {}
    date_failures = attempted = 0
    any_weight = False

    for rowno, row in table:
        col.rows_read += 1
        if blank(row):
            col.skip(rowno, "blank", "blank line")
            continue
        if len(row) != width and not (len(row) > width and not any(c.strip() for c in row[width:])):
            col.skip(
                rowno,
                "malformed",
                f"has {len(row)} values, the header has {width} "
                "(a delimiter or quote out of place)",
            )
            continue
        attempted += 1
        try:
            try:
                start = dates(cell(row, columns, "date"))
            except ValueProblem:
                date_failures += 1
                raise
            exercise = cell(row, columns, "exercise")
            if not exercise:
                raise ValueProblem("exercise name is blank")
            order = cell(row, columns, "set_order")
            reps = whole(cell(row, columns, "reps"), "reps")
            weight = number(cell(row, columns, "weight"), "weight")
            distance = number(cell(row, columns, "distance"), "distance")
            seconds = number(cell(row, columns, "seconds"), "seconds")
            rpe, rpe_note = round_rpe(number(cell(row, columns, "rpe"), "RPE"))
            if unit_source == "per-row":
                factor = unit_factor(cell(row, columns, "weight_unit"), "weight unit")
            else:
                factor = header_factor
        except ValueProblem as exc:
            col.skip(rowno, "invalid", str(exc))
            continue

        set_type = "normal"
        folded_order = fold(order)
        order_note = None
        if folded_order in _SET_TYPES:
            set_type = _SET_TYPES[folded_order]
        elif folded_order.startswith(_REST_TIMER) or (
            folded_order
            and not folded_order.replace(".", "").isdigit()
            and not reps
            and not weight
            and (seconds or 0) > 0
        ):
            col.skip(rowno, "rest-timer", f"rest timer: {seconds or 0:g} s after {exercise}")
            continue
        elif folded_order and not folded_order.replace(".", "").isdigit():
            order_note = f"set order {order!r} is not a number, W, D or F: read as a normal set"

        unit = distance_unit or cell(row, columns, "distance_unit")
        if skip_without_reps(col, rowno, exercise, reps, weight, distance, unit, seconds):
            continue
        weight_kg = None if not weight else (weight if factor == 1.0 else tidy(weight * factor))
        try:
            workout_set = make_set(reps or 0, weight_kg, rpe, set_type)
        except ValueProblem as exc:
            col.skip(rowno, "invalid", f"{exc}: {exercise}")
            continue
        any_weight = any_weight or weight_kg is not None
        if rpe_note:
            col.note(rowno, rpe_note)
        if order_note:
            col.note(rowno, order_note)
        if reps == 0:
            col.note(rowno, f"0 reps with {weight:g} of weight (a missed lift?): {exercise}")

        workout_name = cell(row, columns, "workout_name") or None
        key = cell(row, columns, "workout_no") or (cell(row, columns, "date"), workout_name)
        if key not in durations:
            raw = cell(row, columns, duration_key)
            try:
                minutes = duration_minutes(raw, bare)
            except ValueProblem as exc:
                col.note(rowno, f"{exc}: the workout's duration was left out")
                minutes = None
            durations[key] = checked_duration(minutes, rowno, col, raw)
        col.add(key, start, workout_name, durations[key], exercise, workout_set)

    if attempted and date_failures == attempted:
        raise ImportFormatError(
            f"no date in the {table.header[columns['date']]!r} column could be read, e.g. "
            f"{cell(table.rows[0], columns, 'date')!r}; pass date_order or convert the dates "
            "to 2026-04-09 17:18:00",
            file=name,
        )
    if unit_source == "kg (assumed)" and any_weight:
        col.warn(
            "this Strong export does not say the weight unit; weights were read as kg "
            "(pass weight_unit='lb', or --weight-unit lb, if the app was set to pounds)"
        )
    return col.result(
        athlete,
        shape=shape,
        language=language or "en",
        delimiter=table.delimiter,
        weight_unit=unit_source,
    )
