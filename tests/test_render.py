"""Notebook display: ``Advice``, ``Session`` and ``History`` render as concise Markdown and HTML."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

import recovery_advisor as ra
from recovery_advisor.vocabulary import MUSCLES

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 25, 8, 0)
EVIL = "<script>alert('x')</script> | *bold* _it_"


class _Checker(HTMLParser):
    """Collects tags and text; fails on unbalanced tags."""

    VOID = frozenset({"br", "hr", "img", "meta", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"unbalanced </{tag}> after {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Checker:
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert checker.stack == [], f"unclosed tags {checker.stack}"
    return checker


def _advice(**changes: object) -> ra.Advice:
    session = ra.Session(
        name="legs-and-back",
        title="Legs and back",
        exercises=(
            ra.SessionExercise(
                name="Leg Press",
                sets=3,
                reps="12",
                rest_seconds=(60, 120),
                region="lower",
                replaces="Barbell Deadlift",
                load_pct=80,
                rpe_max=7,
                changed_by=("posterior-chain-fatigued",),
            ),
            ra.SessionExercise(
                name="Hamstring stretch",
                sets=2,
                reps="30-45 s",
                rest_seconds=(30, 60),
                region="lower",
                note="gently",
            ),
            ra.SessionExercise(
                name="Farmer's Walk",
                sets=3,
                reps="3 rounds",
                rest_seconds=(120, 180),
                optional=True,
            ),
        ),
        removed=(
            ra.RemovedExercise(
                name="Romanian Deadlift", reason="hamstrings are tight", rule="tight-swap"
            ),
        ),
        warm_up_min=(5, 10),
        warm_up=("Dynamic stretches",),
        based_on="legs-and-back-heavy",
    )
    recs = (
        ra.Recommendation(
            rule="posterior-chain-fatigued",
            action="swap",
            severity="warning",
            message="Your posterior chain is still tired from yesterday's deadlifts.",
            source="If your lower back or hamstrings are fatigued, avoid heavy hinges.",
            ref="article",
            because=("hamstrings readiness 30", "deadlifts 14 h ago"),
            muscles=("hamstrings",),
            exercise="Barbell Deadlift",
            replacement="Leg Press",
        ),
        ra.Recommendation(
            rule="mobility-for-tightness",
            action="remind",
            severity="caution",
            message="Loosen tight hamstrings first.",
            source="Add mobility work for tight muscles.",
            replacement="Hamstring stretch",
        ),
        ra.Recommendation(
            rule="pair-fits-training-frequency",
            action="pair",
            severity="info",
            message="Pairing legs and back suits your 4 sessions a week.",
            source="Back and leg workouts together are ideal if you train 3–4 times per week.",
            ref="article",
        ),
    )
    muscles = (
        ra.MuscleStatus("hamstrings", 30, "fatigued", 30, "Thursday afternoon", 8.0),
        ra.MuscleStatus("lower_back", 50, "recovering", 12, "Wednesday evening", 4.0),
        ra.MuscleStatus("chest", 90, "ready", 0, "now", 3.0),
    )
    readiness = dict.fromkeys(MUSCLES, 100)
    readiness.update(hamstrings=30, lower_back=50, chest=90)
    fields: dict[str, object] = {
        "now": NOW,
        "verdict": "train-modified",
        "recommendations": recs,
        "readiness": readiness,
        "session": session,
        "muscles": muscles,
        "unrecognized_exercises": ("Mystery Press",),
        "rules_fired": tuple(r.rule for r in recs),
    }
    fields.update(changes)
    return ra.Advice(**fields)  # type: ignore[arg-type]


# ----------------------------------------------------------------------- Advice
def test_advice_markdown_has_verdict_session_reasons_and_sources() -> None:
    """The Markdown report leads with the verdict and headline, then a session table, then
    every reason with its rule id and source, then readiness of the muscles not ready."""
    md = _advice()._repr_markdown_()
    lines = md.splitlines()
    assert lines[0] == "### TRAIN, MODIFIED"
    assert "**Your posterior chain is still tired from yesterday's deadlifts.**" in md
    table = [line for line in lines if line.startswith("| ")]
    assert table[0].startswith("| # | exercise")
    assert len(table) == 1 + 3  # header + three exercises
    assert "instead of Barbell Deadlift; ~80% of usual load, RPE ≤ 7" in table[1]
    assert "*(optional)*" in table[3]
    assert "rest 2-3 min" in table[3]
    assert "*left out:* Romanian Deadlift: hamstrings are tight (`tight-swap`)" in md
    assert md.index("**warning**") < md.index("**caution**") < md.index("**info**")
    for rule in (
        "posterior-chain-fatigued",
        "mobility-for-tightness",
        "pair-fits-training-frequency",
    ):
        assert f"(`{rule}`)" in md
    assert md.count("  - source: *") == 3
    assert "because hamstrings readiness 30; deadlifts 14 h ago" in md
    assert "try: Hamstring stretch" in md
    assert "hamstrings 30 (fatigued, ready Thursday afternoon)" in md
    assert "chest" not in md.split("Readiness:")[1]
    assert "Mystery Press" in md


def test_advice_html_is_balanced_and_concise() -> None:
    """The HTML report is well-formed, shows the same content, folds the info notes away when
    there are more pressing reasons, and contains no raw dicts or reprs."""
    html = _advice()._repr_html_()
    parsed = _parse(html)
    text = "".join(parsed.text)
    assert "TRAIN, MODIFIED" in text
    assert parsed.tags.count("tr") == 1 + 3
    assert "details" in parsed.tags
    details = html[html.index("<details>") :]
    assert "pair-fits-training-frequency" in details
    assert "posterior-chain-fatigued" not in details
    assert "source: " in text
    assert "If your lower back or hamstrings" in text
    assert "Romanian Deadlift" in text
    assert "Mystery Press" in text
    for raw in ("{'", "Recommendation(", "SessionExercise(", "MuscleStatus("):
        assert raw not in html


def test_info_only_advice_lists_notes_openly() -> None:
    """When every reason is an info note, the HTML shows them without folding."""
    info = _advice().recommendations[2:]
    html = _advice(recommendations=info, verdict="train")._repr_html_()
    assert "<details>" not in html
    assert "pair-fits-training-frequency" in html
    assert "TRAIN as planned" in html


def test_advice_without_session_or_reasons() -> None:
    """Advice with no plan, no reasons and every muscle ready renders briefly."""
    advice = _advice(
        session=None, recommendations=(), muscles=(), unrecognized_exercises=(), verdict="train"
    )
    md = advice._repr_markdown_()
    assert "Session" not in md
    assert "Why" not in md
    assert "every muscle is ready" in md
    assert len(md.splitlines()) < 8
    _parse(advice._repr_html_())


def test_rest_day_session_says_no_training() -> None:
    """A cancelled session says so instead of an empty table."""
    session = ra.Session(name="rest", title="Rest", exercises=())
    advice = _advice(session=session, verdict="rest")
    assert "No training today." in advice._repr_markdown_()
    assert "No training today." in advice._repr_html_()
    assert "REST today" in advice._repr_html_()


def test_input_text_is_escaped() -> None:
    """Exercise names from the input cannot inject markup into the Markdown or HTML."""
    session = ra.Session(
        name="x",
        title="x",
        exercises=(ra.SessionExercise(name=EVIL, sets=1, reps="5", rest_seconds=(60, 90)),),
    )
    advice = _advice(session=session, unrecognized_exercises=(EVIL,))
    html = advice._repr_html_()
    assert "<script>" not in html
    _parse(html)
    md = advice._repr_markdown_()
    assert "<script>" not in md
    row = next(line for line in md.splitlines() if line.startswith("| 1 |"))
    assert row.count(" | ") == 4  # the name's pipe does not add a column
    assert r"\*bold\*" in md


LINKY = "[x](javascript:alert(1))![i](http://evil/t.png)"


@pytest.mark.parametrize("where", ["advice", "session", "history"])
def test_names_cannot_form_markdown_links_or_images(where: str) -> None:
    """An exercise name shaped like a Markdown link or image is shown as text: its brackets and
    parentheses are escaped in every Markdown rendering (a renderer shows no live link)."""
    ex = ra.SessionExercise(name=LINKY, sets=1, reps="5", rest_seconds=(60, 90))
    session = ra.Session(name="x", title="x", exercises=(ex,))
    history = ra.History.from_dict(
        {"workouts": [{"start": "2026-11-24T18:00:00", "name": LINKY, "exercises": []}]}
    )
    md = {
        "advice": _advice(session=session, unrecognized_exercises=(LINKY,))._repr_markdown_(),
        "session": session._repr_markdown_(),
        "history": history._repr_markdown_(),
    }[where]
    assert re.search(r"(?<!\\)\]\(", md) is None  # every ']' before '(' is escaped
    assert re.search(r"(?<!\\)\[", md) is None
    assert r"\[x\](javascript:alert(1))!\[i\](http://evil/t.png)" in md


def test_real_advice_renders() -> None:
    """Advice for the example history renders in both forms, with its session table."""
    history = ra.load_history(ROOT / "examples" / "history.json")
    advice = ra.advise(history, now=NOW, plan="legs-and-back")
    assert advice.session is not None
    md = advice._repr_markdown_()
    assert all(e.name in md for e in advice.session.exercises)
    parsed = _parse(advice._repr_html_())
    assert parsed.tags.count("tr") == 1 + len(advice.session.exercises)


# ----------------------------------------------------------------------- Session
def test_session_renders_on_its_own() -> None:
    """A Session shows its title, warm-up, table and left-out work in both forms."""
    session = _advice().session
    assert session is not None
    md = session._repr_markdown_()
    assert md.startswith("#### Session: Legs and back (instead of legs-and-back-heavy)")
    assert "Warm-up 5–10 min: Dynamic stretches" in md
    assert sum(line.startswith("|") for line in md.splitlines()) == 1 + 1 + 3  # header, rule, rows
    assert "Romanian Deadlift" in md
    html = session._repr_html_()
    parsed = _parse(html)
    assert parsed.tags.count("tr") == 4
    assert "Legs and back" in "".join(parsed.text)


# ----------------------------------------------------------------------- History
def _history() -> ra.History:
    return ra.load_history(ROOT / "examples" / "history.json")


def test_history_summary_counts_and_range() -> None:
    """The summary states the profile, how many workouts, exercises and sets, and the range."""
    history = _history()
    md = history._repr_markdown_()
    n_ex = sum(len(w.exercises) for w in history.workouts)
    n_sets = sum(len(e.sets) for w in history.workouts for e in w.exercises)
    assert f"{len(history.workouts)} workouts, {n_ex} exercises, {n_sets} sets" in md
    first, last = history.workouts[0].start, history.workouts[-1].start
    assert f"from {first:%a %d %b %Y} to {last:%a %d %b %Y}" in md
    a = history.athlete
    assert f"{a.experience} · {a.sessions_per_week} sessions a week" in md


def test_history_lists_last_five_workouts_latest_first() -> None:
    """The last five workouts are listed, most recent first, with their exercises."""
    history = _history()
    md = history._repr_markdown_()
    rows = [line for line in md.splitlines() if line.startswith("| ") and "2026" in line]
    workout_rows = rows[:5]
    expected = list(reversed(history.workouts))[:5]
    for row, w in zip(workout_rows, expected, strict=True):
        assert f"{w.start:%a %d %b %Y %H:%M}" in row
        assert w.exercises[0].name.replace("_", r"\_") in row
    html = history._repr_html_()
    parsed = _parse(html)
    # header rows of both tables + 5 workouts + the check-ins
    assert parsed.tags.count("tr") == 2 + 5 + len(history.checkins)


def test_history_shows_checkins_and_sleep() -> None:
    """Check-ins (latest first, at most five) and a sleep line with the average appear."""
    history = _history()
    nights = history.sleep
    avg = sum(s.hours for s in nights) / len(nights)
    checkins = tuple(
        ra.CheckIn(at=NOW - timedelta(hours=h), muscle="lower_back", feeling="sore", level=2)
        for h in range(8)
    )
    history = ra.History(
        athlete=history.athlete, workouts=history.workouts, checkins=checkins, sleep=nights
    )
    md = history._repr_markdown_()
    assert "#### Check-ins (8)" in md
    rows = [line for line in md.splitlines() if "lower back" in line]
    assert len(rows) == 5
    assert f"{NOW:%a %d %b %Y %H:%M}" in rows[0]
    assert f"average {avg:.1f} h" in md
    assert f"last {nights[-1].hours:g} h" in md


def test_empty_history_summary() -> None:
    """An empty history says there is nothing yet, without tables."""
    md = ra.History()._repr_markdown_()
    assert "No workouts." in md
    assert "no athlete profile" in md
    assert "|" not in md
    html = ra.History()._repr_html_()
    assert "<table" not in html
    _parse(html)


def test_history_with_mixed_time_zones_and_long_workouts() -> None:
    """Aware and naive times can be summarised together; long exercise lists are shortened."""
    aware = datetime(2026, 11, 24, 17, 0, tzinfo=timezone(timedelta(hours=1)))
    big = ra.Workout(
        start=aware,
        name=EVIL,
        exercises=tuple(ra.Exercise(name=f"Exercise {i}") for i in range(7)),
    )
    naive = ra.Workout(start=datetime(2026, 11, 20, 18, 0), name="Legs")
    history = ra.History(
        workouts=(big, naive),
        sleep=(ra.Sleep(date=date(2026, 11, 25), hours=7.0),),
    )
    md = history._repr_markdown_()
    assert "+01:00" in md
    assert "+3 more" in md
    assert "Sleep: 1 night on 2026-11-25" in md
    html = history._repr_html_()
    assert "<script>" not in html
    _parse(html)


@pytest.mark.parametrize("method", ["_repr_html_", "_repr_markdown_"])
def test_display_methods_return_text(method: str) -> None:
    """Every displayable object returns non-empty text from both display methods."""
    advice = _advice()
    for obj in (advice, advice.session, _history(), ra.History()):
        out = getattr(obj, method)()
        assert isinstance(out, str)
        assert out.strip()
        assert not re.search(r"\bNone\b", out), out


def test_reports_give_the_load_ratio_when_it_is_known() -> None:
    """With 28 days of history the text, Markdown and HTML reports carry the load-ratio line
    (with its caveat); without, none does."""
    load = ra.TrainingLoad(
        ratio=1.12, acute=20.5, chronic=18.3, days_of_history=60, measure="hard-sets"
    )
    line = "Training load: the last 7 days carried 1.12 × your weekly average of the last 4 weeks"
    with_load = _advice(training_load=load)
    assert line + " (hard sets; a spike flag, not an injury prediction)." in str(with_load)
    assert line in with_load._repr_markdown_()
    assert line in with_load._repr_html_()
    without = _advice()
    for text in (str(without), without._repr_markdown_(), without._repr_html_()):
        assert "Training load" not in text
