"""The exercise catalogue: size, mobility drills, validation, name matching and coverage of real logs."""

from __future__ import annotations

import collections
import csv
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from recovery_advisor.catalogue import Catalogue, CatalogueEntry, normalize_name
from recovery_advisor.errors import RecoveryAdvisorError
from recovery_advisor.session import pick_drill
from recovery_advisor.vocabulary import MUSCLES, PATTERNS, REGIONS, ROLES

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "recovery_advisor" / "data" / "exercises.yaml"
SAMPLES = ROOT.parent / "shared" / "samples"
CAT = Catalogue.default()

# The exercises of the article, as the article names them, and the entry each one must reach.
ARTICLE = {
    "Barbell Deadlift": "Deadlift (Barbell)",
    "Walking Lunges": "Walking Lunge (Dumbbell)",
    "Pull-Ups": "Pull Up",
    "Lat Pulldowns": "Lat Pulldown (Cable)",
    "Leg Press": "Leg Press (Machine)",
    "Seated Cable Row": "Seated Cable Row",
    "Hamstring Curls": "Lying Leg Curl (Machine)",
    "Romanian Deadlifts": "Romanian Deadlift (Barbell)",
    "Farmer's Carries": "Farmer's Walk",
    "Sled Pushes": "Sled Push",
    "Bodyweight squats": "Bodyweight Squat",
    "light band rows": "Band Row",
}


def _names(text: str) -> tuple[str, ...]:
    """The names of a block of text, separated by ``|`` or line breaks."""
    return tuple(n.strip() for line in text.splitlines() for n in line.split("|") if n.strip())


# Default exercise names of FitNotes (Android), as its exercise list spells them.
FITNOTES_DEFAULTS = _names(
    """
    Ab-Wheel Rollout|Cable Crunch|Crunch|Crunch Machine|Decline Crunch|Dragon Flag
    Hanging Knee Raise|Hanging Leg Raise|Plank|Side Plank|Barbell Row|Barbell Shrug|Chin Up
    Deadlift|Dumbbell Row|Good Morning|Hammer Strength Row|Lat Pulldown|Machine Shrug
    Neutral Chin Up|Pendlay Row|Pull Up|Rack Pull|Seated Cable Row
    Straight-Arm Cable Pushdown|T-Bar Row|Barbell Curl|Cable Curl
    Dumbbell Concentration Curl|Dumbbell Curl|Dumbbell Hammer Curl|Dumbbell Preacher Curl
    EZ-Bar Curl|EZ-Bar Preacher Curl|Seated Incline Dumbbell Curl|Seated Machine Curl
    Cycling|Elliptical Trainer|Rowing Machine|Running (Outdoor)|Running (Treadmill)
    Stationary Bike|Swimming|Walking|Cable Crossover|Decline Barbell Bench Press
    Decline Hammer Strength Chest Press|Flat Barbell Bench Press|Flat Dumbbell Bench Press
    Flat Dumbbell Fly|Incline Barbell Bench Press|Incline Dumbbell Bench Press
    Incline Dumbbell Fly|Incline Hammer Strength Chest Press|Seated Machine Fly
    Barbell Calf Raise|Barbell Front Squat|Barbell Glute Bridge|Barbell Squat
    Donkey Calf Raise|Glute-Ham Raise|Leg Extension Machine|Leg Press|Lying Leg Curl Machine
    Romanian Deadlift|Seated Calf Raise Machine|Seated Leg Curl Machine
    Standing Calf Raise Machine|Stiff-Legged Deadlift|Sumo Deadlift|Arnold Dumbbell Press
    Behind The Neck Barbell Press|Cable Face Pull|Front Dumbbell Raise
    Hammer Strength Shoulder Press|Lateral Dumbbell Raise|Lateral Machine Raise|Log Press
    One-Arm Standing Dumbbell Press|Overhead Press|Push Press|Rear Delt Dumbbell Raise
    Rear Delt Machine Fly|Seated Dumbbell Lateral Raise|Seated Dumbbell Press
    Smith Machine Overhead Press|Cable Overhead Triceps Extension
    Close Grip Barbell Bench Press|Dumbbell Overhead Triceps Extension|EZ-Bar Skullcrusher
    Lying Triceps Extension|Parallel Bar Triceps Dip|Ring Dip|Rope Push Down
    Smith Machine Close Grip Bench Press|V-Bar Push Down
    """
)

# Default names of Strong and Hevy ("Name (Equipment)"), one or more per kind of equipment.
STRONG_HEVY_DEFAULTS = _names(
    """
    Bench Press (Smith Machine)|Incline Bench Press (Smith Machine)|Squat (Smith Machine)
    Shrug (Smith Machine)|Overhead Press (Smith Machine)|Standing Calf Raise (Smith Machine)
    Squat (Bodyweight)|Lunge (Bodyweight)|Inverted Row (Bodyweight)|Hip Thrust (Bodyweight)
    Standing Calf Raise (Bodyweight)|Goblet Squat (Kettlebell)|Thruster (Kettlebell)
    Deadlift (Kettlebell)|Kettlebell Swing|Kettlebell Turkish Get Up|Bent Over Row (Band)
    Chest Fly (Band)|Chest Press (Band)|Hammer Curl (Band)|Lateral Raise (Band)
    Kneeling Pulldown (Band)|Pull Up (Band)|Pull Up (Assisted)|Chin Up (Assisted)
    Chest Dip (Assisted)|Triceps Dip (Assisted)|Pull Up (Weighted)|Chin Up (Weighted)
    Chest Dip (Weighted)|Push Up (Weighted)|Crunch (Weighted)|Russian Twist (Weighted)
    EZ Bar Biceps Curl|Skullcrusher (Dumbbell)|Bicep Curl (Cable)|Bicep Curl (Machine)
    Chest Press (Machine)|Chest Fly (Machine)|Butterfly (Pec Deck)|Pec Deck (Machine)
    Lateral Raise (Cable)|Lateral Raise (Machine)|Rear Delt Reverse Fly (Machine)
    Reverse Fly (Dumbbell)|Shoulder Press (Machine Plates)|Shoulder Press (Plate Loaded)
    Iso-Lateral Row (Machine)|Iso-Lateral Chest Press (Machine)|Seated Row (Machine)
    Straight Arm Lat Pulldown (Cable)|Lat Pulldown - Close Grip (Cable)
    Lat Pulldown - Underhand (Cable)|Lat Pulldown - Wide Grip (Cable)
    Seated Cable Row - V Grip (Cable)|Seated Cable Row - Bar Grip
    Bench Press - Close Grip (Barbell)|Bench Press - Wide Grip (Barbell)
    Bent Over Row - Underhand (Barbell)|Triceps Pushdown (Cable - Straight Bar)
    Triceps Rope Pushdown|Overhead Triceps Extension (Cable)|Triceps Extension (Barbell)
    Triceps Extension (Machine)|Preacher Curl (Barbell)|Seated Incline Curl (Dumbbell)
    Hip Abductor (Machine)|Hip Adductor (Machine)|Leg Press Horizontal (Machine)
    Seated Leg Press (Machine)|Single Leg Press (Machine)|Calf Press on Leg Press
    Glute Kickback (Machine)|Hip Thrust (Machine)|Back Extension (Hyperextension)
    Back Extension (Machine)|Snatch (Barbell)|Clean and Jerk (Barbell)|Clean (Barbell)
    Power Snatch (Barbell)|Hang Clean (Barbell)|Split Jerk (Barbell)|Snatch Pull (Barbell)
    Rack Pull (Barbell)|Deficit Deadlift (Barbell)|Sumo Deadlift High Pull (Barbell)
    Zercher Squat (Barbell)|Box Squat (Barbell)|Rowing (Machine)|Elliptical Machine
    Stair Machine|Jump Rope|Aerobics|Swimming|Yoga|Stretching|
    """
)


# --- strategies (kept here: tests/strategies.py belongs to the core suite) ---------------------

_TOKEN = re.compile(r"[^\W_]+")
_SEPARATORS = (" ", "  ", "-", " - ", "_", "/", ", ", ".", " (", ") ", "'", "\t")
_NAMES: tuple[tuple[CatalogueEntry, str], ...] = tuple(
    (entry, name) for entry in CAT for name in (entry.name, *entry.aliases)
)


@st.composite
def scrambled_names(draw: st.DrawFn) -> tuple[CatalogueEntry, str]:
    """A catalogue name with its words reordered, its letters re-cased and its punctuation
    replaced, and the entry it names."""
    entry, name = draw(st.sampled_from(_NAMES))
    words = draw(st.permutations(_TOKEN.findall(name)))
    recased = []
    for word in words:
        upper = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
        recased.append(
            "".join(c.upper() if u else c.lower() for c, u in zip(word, upper, strict=True))
        )
    seps = draw(
        st.lists(st.sampled_from(_SEPARATORS), min_size=len(words) + 1, max_size=len(words) + 1)
    )
    text = seps[0] + "".join(w + s for w, s in zip(recased, seps[1:], strict=True))
    return entry, text


# --- size and content ---------------------------------------------------------------------------


def test_catalogue_holds_at_least_250_exercises() -> None:
    """The bundled catalogue knows at least 250 distinct exercises."""
    assert len(CAT) >= 250
    assert len({e.name for e in CAT}) == len(CAT)


def test_catalogue_holds_at_least_40_mobility_drills() -> None:
    """At least 40 entries are mobility drills or stretches (role ``mobility``)."""
    assert len(CAT.by_role("mobility")) >= 40


@pytest.mark.parametrize("muscle", MUSCLES)
def test_every_muscle_has_two_mobility_drills(muscle: str) -> None:
    """Each of the 17 muscles has at least two drills that target it, so a tight muscle always
    has a drill to swap in (and another when the first is excluded)."""
    drills = [e for e in CAT.by_role("mobility") if muscle in e.primary]
    assert len(drills) >= 2, muscle
    first = pick_drill(CAT, muscle)
    assert first is not None
    assert pick_drill(CAT, muscle, avoid=(first.name,)) not in (None, first)


@pytest.mark.parametrize("muscle", ["hamstrings", "lats", "lower_back", "glutes", "quadriceps"])
def test_posterior_chain_and_hip_muscles_have_several_drills(muscle: str) -> None:
    """The muscles the article's legs-and-back day tires most have several drills to choose from."""
    assert sum(muscle in e.primary for e in CAT.by_role("mobility")) >= 4


def test_default_swap_in_drills_stay_first() -> None:
    """New entries are appended: the first drill listed for a muscle (the default swap-in used by
    the rules) is still the one the original catalogue listed first."""
    expected = {
        "hamstrings": "Hamstring Stretch",
        "lats": "Lat Stretch (Doorway)",
        "lower_back": "Cat Cow",
        "glutes": "Pigeon Stretch",
        "quadriceps": "Bodyweight Squat",
        "middle_back": "Band Row",
        "calves": "Calf Stretch",
    }
    got = {m: getattr(pick_drill(CAT, m), "name", None) for m in expected}
    assert got == expected


@pytest.mark.parametrize(("logged", "entry"), sorted(ARTICLE.items()))
def test_article_exercises_resolve(logged: str, entry: str) -> None:
    """Every exercise the article names resolves to the intended catalogue entry."""
    found = CAT.lookup(logged)
    assert found is not None, logged
    assert found.name == entry


@pytest.mark.parametrize("name", FITNOTES_DEFAULTS)
def test_fitnotes_default_names_resolve(name: str) -> None:
    """The default exercise names of FitNotes resolve."""
    assert CAT.lookup(name) is not None, name


@pytest.mark.parametrize("name", STRONG_HEVY_DEFAULTS)
def test_strong_and_hevy_default_names_resolve(name: str) -> None:
    """Strong's and Hevy's ``Name (Equipment)`` defaults resolve, for every kind of equipment."""
    assert CAT.lookup(name) is not None, name


# Strong's French, German and Spanish names of the main lifts, and the entry each must reach.
LOCALIZED = {
    # French
    "Soulevé de terre (Barre)": "Deadlift (Barbell)",
    "Soulevé de terre roumain (Haltère)": "Romanian Deadlift (Dumbbell)",
    "Squat (Barre)": "Squat (Barbell)",
    "Squat avant (Barre)": "Front Squat (Barbell)",
    "Développé couché (Barre)": "Bench Press (Barbell)",
    "Développé couché (Haltère)": "Bench Press (Dumbbell)",
    "Développé incliné (Haltère)": "Incline Bench Press (Dumbbell)",
    "Développé militaire (Barre)": "Overhead Press (Barbell)",
    "Tirage vertical (Câble)": "Lat Pulldown (Cable)",
    "Rowing penché (Barre)": "Bent Over Row (Barbell)",
    "Rowing (Haltère)": "Dumbbell Row",
    "Rowing assis (Câble)": "Seated Cable Row",
    "Tractions": "Pull Up",
    "Presse à cuisses (Machine)": "Leg Press (Machine)",
    "Fentes (Haltère)": "Lunge (Dumbbell)",
    "Leg curl allongé (Machine)": "Lying Leg Curl (Machine)",
    "Extension des jambes (Machine)": "Leg Extension (Machine)",
    "Hip thrust (Barre)": "Hip Thrust (Barbell)",
    "Curl biceps (Haltère)": "Bicep Curl (Dumbbell)",
    "Élévation latérale (Haltère)": "Lateral Raise (Dumbbell)",
    "Marche du fermier": "Farmer's Walk",
    # German
    "Kniebeuge (Langhantel)": "Squat (Barbell)",
    "Kniebeuge (Kurzhantel)": "Squat (Dumbbell)",
    "Kreuzheben (Langhantel)": "Deadlift (Barbell)",
    "Rumänisches Kreuzheben (Langhantel)": "Romanian Deadlift (Barbell)",
    "Bankdrücken (Langhantel)": "Bench Press (Barbell)",
    "Schrägbankdrücken (Kurzhantel)": "Incline Bench Press (Dumbbell)",
    "Schulterdrücken (Kurzhantel)": "Shoulder Press (Dumbbell)",
    "Latzug (Kabel)": "Lat Pulldown (Cable)",
    "Vorgebeugtes Rudern (Langhantel)": "Bent Over Row (Barbell)",
    "Rudern sitzend (Kabel)": "Seated Cable Row",
    "Klimmzüge": "Pull Up",
    "Beinpresse (Maschine)": "Leg Press (Machine)",
    "Ausfallschritte (Kurzhantel)": "Lunge (Dumbbell)",
    "Beinbeuger liegend (Maschine)": "Lying Leg Curl (Machine)",
    "Beinstrecker (Maschine)": "Leg Extension (Machine)",
    "Hip Thrust (Langhantel)": "Hip Thrust (Barbell)",
    "Bizepscurl (Kurzhantel)": "Bicep Curl (Dumbbell)",
    "Trizepsdrücken (Kabel)": "Triceps Pushdown (Cable)",
    "Seitheben (Kurzhantel)": "Lateral Raise (Dumbbell)",
    # Spanish
    "Peso muerto (Barra)": "Deadlift (Barbell)",
    "Sentadilla (Barra)": "Squat (Barbell)",
    "Press de banca (Barra)": "Bench Press (Barbell)",
    "Press militar (Barra)": "Overhead Press (Barbell)",
    "Jalón al pecho (Polea)": "Lat Pulldown (Cable)",
    "Remo con barra": "Bent Over Row (Barbell)",
    "Dominadas": "Pull Up",
    "Prensa de piernas (Máquina)": "Leg Press (Machine)",
    "Curl femoral tumbado (Máquina)": "Lying Leg Curl (Machine)",
    "Extensión de piernas (Máquina)": "Leg Extension (Machine)",
    "Curl de bíceps (Mancuerna)": "Bicep Curl (Dumbbell)",
}


@pytest.mark.parametrize(("logged", "entry"), sorted(LOCALIZED.items()))
def test_localized_strong_names_resolve(logged: str, entry: str) -> None:
    """Strong's French, German and Spanish names of the main lifts resolve to the same entry as
    the English name, equipment included (Haltère, Kurzhantel, Mancuerna are dumbbells)."""
    found = CAT.lookup(logged)
    assert found is not None, logged
    assert found.name == entry


def test_matching_folds_accents_and_german_sharp_s() -> None:
    """A name matches with or without its accents and in any case: é, â, ü and ß fold to e, a,
    u and ss, so a keyboard without accents still finds the exercise."""
    assert normalize_name("Soulevé de terre (Barre)") == normalize_name("SOULEVE DE TERRE - barre")
    assert CAT.lookup("TIRAGE VERTICAL (CABLE)") is CAT.lookup("Tirage vertical (Câble)")
    assert CAT.lookup("Huftstoss") is CAT.lookup("Hüftstoß") is CAT.lookup("Hip Thrust (Barbell)")
    assert CAT.lookup("Bankdrucken") is CAT.lookup("Bench Press (Barbell)")


@pytest.mark.parametrize("name", ["strong-french.csv", "strong-german.csv"])
def test_localized_fixtures_count_towards_readiness(name: str) -> None:
    """Every exercise of the French and German Strong fixtures is known, so the advice lists no
    unrecognized exercise and the lifts lower the readiness of the muscles they work."""
    import recovery_advisor as ra

    history = ra.load_history(ROOT / "tests" / "fixtures" / "exports" / name)
    names = {e.name for w in history.workouts for e in w.exercises}
    assert names
    assert all(CAT.lookup(n) is not None for n in names), names
    advice = ra.advise(history, now="2023-02-15T08:00:00")
    assert advice.unrecognized_exercises == ()
    for n in names:
        entry = CAT.lookup(n)
        assert entry is not None
        assert all(advice.readiness[m] < 100 for m in entry.primary), (n, advice.readiness)


def test_equipment_variants_are_distinct_entries() -> None:
    """A logged equipment variant reaches its own entry, not the barbell one."""
    pairs = {
        "Incline Bench Press (Smith Machine)": "smith machine",
        "Lateral Raise (Cable)": "cable",
        "Chest Fly (Machine)": "machine",
        "Bicep Curl (Cable)": "cable",
        "Squat (Dumbbell)": "dumbbell",
        "Hip Thrust (Machine)": "machine",
    }
    got = {name: getattr(CAT.lookup(name), "equipment", None) for name in pairs}
    assert got == pairs


# --- validation -----------------------------------------------------------------------------------


def test_bundled_data_validates() -> None:
    """Every entry of ``exercises.yaml`` uses only known fields and the shared vocabularies, has a
    primary muscle, never lists a muscle as both primary and secondary, and stretches and drills
    are mobility work."""
    raw: list[dict[str, Any]] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert len(raw) == len(CAT)
    allowed = {"name", "primary", "secondary", "pattern", "region", "role", "equipment", "aliases"}
    problems = []
    for item in raw:
        entry = CAT.lookup(item["name"])
        if entry is None or entry.name != item["name"]:
            problems.append(f"{item['name']}: does not resolve to itself")
            continue
        if set(item) - allowed:
            problems.append(f"{entry.name}: unknown fields {set(item) - allowed}")
        if not all(k in item for k in ("primary", "pattern", "region", "role", "equipment")):
            problems.append(f"{entry.name}: a field is left to its default")
        if not entry.primary or set(entry.primary) & set(entry.secondary):
            problems.append(f"{entry.name}: primary {entry.primary}, secondary {entry.secondary}")
        if not set(entry.muscles) <= set(MUSCLES):
            problems.append(f"{entry.name}: muscles {entry.muscles}")
        if entry.pattern not in PATTERNS or entry.region not in REGIONS or entry.role not in ROLES:
            problems.append(f"{entry.name}: {entry.pattern}/{entry.region}/{entry.role}")
        if entry.pattern in ("stretch", "mobility") and entry.role != "mobility":
            problems.append(f"{entry.name}: a {entry.pattern} should have role mobility")
        if entry.pattern == "cardio" and entry.role == "main":
            problems.append(f"{entry.name}: cardio is not a main lift")
    assert problems == []


def test_every_name_and_alias_resolves_to_its_entry() -> None:
    """Each name and alias of an entry looks up that very entry (no alias is shadowed)."""
    wrong = [
        (name, e.name) for e in CAT for name in (e.name, *e.aliases) if CAT.lookup(name) is not e
    ]
    assert wrong == []


def test_a_name_clash_is_refused() -> None:
    """Two entries whose names are equal once normalised are refused, naming both exercises."""
    data = [
        {"name": "Deadlift (Barbell)", "primary": ["lower_back"]},
        {"name": "Hinge", "primary": ["hamstrings"], "aliases": ["barbell  DEADLIFT"]},
    ]
    with pytest.raises(
        RecoveryAdvisorError, match=r"barbell  DEADLIFT.*Hinge.*Deadlift \(Barbell\)"
    ):
        Catalogue.from_data(data)


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ({"name": "Wing Flap", "primary": ["wings"]}, r"\[0\]\.primary: 'wings'"),
        ({"name": "Row", "primary": ["lats"], "pattern": "rowing"}, r"\[0\]\.pattern: 'rowing'"),
        ({"name": "Row", "primary": ["lats"], "region": "middle"}, r"\[0\]\.region: 'middle'"),
        ({"name": "Row", "primary": ["lats"], "role": "finisher"}, r"\[0\]\.role: 'finisher'"),
        ({"name": "Row", "primary": []}, r"\[0\]: 'Row' needs at least one primary muscle"),
        ({"name": "Row", "primary": ["lats"], "secondry": ["biceps"]}, r"unknown field.*secondry"),
        ({"primary": ["lats"]}, r"\[0\]: an exercise needs at least a name"),
        ({"name": "Row", "primary": ["lats"], "aliases": [3]}, r"\[0\]\.aliases: 'Row'"),
        ({"name": "Row", "primary": ["lats"], "aliases": [""]}, r"\[0\]\.aliases: 'Row'"),
    ],
)
def test_invalid_entries_are_refused_with_their_place(item: dict[str, Any], message: str) -> None:
    """A bad entry is refused with the entry's index and field, never silently loaded."""
    with pytest.raises(RecoveryAdvisorError, match=message):
        Catalogue.from_data([item], "test.yaml")


def test_a_single_alias_may_be_written_as_text() -> None:
    """``aliases: Foo`` is one alias, not one alias per letter."""
    cat = Catalogue.from_data([{"name": "Hip Sled", "primary": ["quadriceps"], "aliases": "Sled"}])
    assert [e.aliases for e in cat] == [("Sled",)]


# --- name matching ------------------------------------------------------------------------------


@given(scrambled_names())
def test_matching_ignores_case_punctuation_and_word_order(case: tuple[CatalogueEntry, str]) -> None:
    """Any catalogue name, with its words in any order, in any case and with any punctuation,
    resolves to the same entry."""
    entry, text = case
    assert CAT.lookup(text) is entry


@pytest.mark.parametrize(
    ("logged", "entry"),
    [
        ("PULLUPS", "Pull Up"),
        ("chin-ups", "Chin Up"),
        ("DB Bench Press", "Bench Press (Dumbbell)"),
        ("Tricep Pushdown", "Triceps Pushdown (Cable)"),
        ("Biceps Curl (Dumbbell)", "Bicep Curl (Dumbbell)"),
        ("Farmers Walk (Kettlebell)", "Farmer's Walk"),
        ("Stiff Legged Deadlift", "Stiff Leg Deadlift (Barbell)"),
        ("Squat (Smith Machine, Paused)", "Squat (Smith Machine)"),
        ("Overhead Press (Each Side, Dumbbells)", "Shoulder Press (Dumbbell)"),
        ("Lat Pulldown - Neutral Grip (Cable)", "Lat Pulldown (Cable)"),
        ("Seated Cable Row - Rope", "Seated Cable Row"),
        ("Deadlift (Barbell, Deficit)", "Deficit Deadlift (Barbell)"),
    ],
)
def test_spellings_and_qualifiers_resolve(logged: str, entry: str) -> None:
    """Plurals, abbreviations, bicep/biceps, possessives and app qualifiers after a dash or inside
    brackets resolve to the base exercise when the exact variant is unknown."""
    found = CAT.lookup(logged)
    assert found is not None, logged
    assert found.name == entry


@pytest.mark.parametrize("name", ["Underwater Basket Weaving", "", "---", "Squat Dance (Barbell)"])
def test_unknown_names_do_not_resolve(name: str) -> None:
    """A name the catalogue does not know gives ``None`` (no guessing)."""
    assert CAT.lookup(name) is None
    assert name not in CAT


def test_normalize_name_is_order_and_case_free() -> None:
    """``normalize_name`` gives the same key for reordered, re-cased, re-punctuated names."""
    assert normalize_name("Deadlift (Barbell)") == normalize_name("BARBELL - deadlift")
    assert normalize_name("Romanian Deadlift") != normalize_name("Deadlift")


# --- coverage of real exports -------------------------------------------------------------------

_NAME_COLUMNS = ("Exercise Name", "exercise_title", "Exercise")


def _logged_sets(path: Path) -> list[str]:
    """The exercise name of every logged set of a Strong, Hevy or FitNotes CSV export."""
    text = path.read_text(encoding="utf-8-sig")
    header = text.splitlines()[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = list(csv.DictReader(text.splitlines(), delimiter=delimiter))
    column = next(c for c in _NAME_COLUMNS if rows and c in rows[0])
    return [
        row[column]
        for row in rows
        if row[column] != "Rest Timer" and row.get("Set Order") != "Rest Timer"
    ]


_SAMPLE_FILES = sorted(SAMPLES.glob("*.csv")) if SAMPLES.is_dir() else []


@pytest.mark.skipif(not _SAMPLE_FILES, reason="../shared/samples is not present")
@pytest.mark.parametrize("path", _SAMPLE_FILES, ids=lambda p: p.name)
def test_real_exports_resolve_at_least_97_percent_of_sets(path: Path) -> None:
    """On each real export, at least 97 % of the logged sets name a catalogue exercise."""
    names = _logged_sets(path)
    assert names
    unresolved = collections.Counter(n for n in names if CAT.lookup(n) is None)
    share = 1 - sum(unresolved.values()) / len(names)
    assert share >= 0.97, (
        f"{path.name}: {share:.1%} resolved; unresolved {unresolved.most_common()}"
    )


@pytest.mark.skipif(not _SAMPLE_FILES, reason="../shared/samples is not present")
def test_real_exports_resolve_at_least_97_percent_of_all_sets() -> None:
    """Over all real exports together, at least 97 % of the logged sets resolve."""
    names = [n for path in _SAMPLE_FILES for n in _logged_sets(path)]
    resolved = sum(CAT.lookup(n) is not None for n in names)
    assert resolved / len(names) >= 0.97


def test_advise_accepts_a_users_catalogue() -> None:
    """An app can pass its own catalogue; names it knows are then counted."""
    import recovery_advisor as ra

    history = {
        "workouts": [
            {
                "start": "2026-11-24T18:00:00",
                "exercises": [
                    {
                        "name": "Gym Special Hinge",
                        "sets": [{"reps": 5, "weight_kg": 100, "rpe": 9}] * 4,
                    }
                ],
            }
        ]
    }
    default = ra.advise(history, now="2026-11-25T08:00:00")
    assert default.unrecognized_exercises == ("Gym Special Hinge",)
    mine = ra.Catalogue.from_data(
        [
            *(
                {
                    "name": e.name,
                    "primary": list(e.primary),
                    "secondary": list(e.secondary),
                    "pattern": e.pattern,
                    "region": e.region,
                    "role": e.role,
                }
                for e in ra.Catalogue.default()
            ),
            {
                "name": "Gym Special Hinge",
                "primary": ["hamstrings"],
                "pattern": "hinge",
                "region": "lower",
                "role": "main",
            },
        ]
    )
    advice = ra.advise(history, now="2026-11-25T08:00:00", catalogue=mine)
    assert advice.unrecognized_exercises == ()
    assert advice.readiness["hamstrings"] < 67
