"""The rendered note is short and does not repeat itself, yet names every rule (issue #11).

``advice.recommendations`` keeps one entry per rule that fired; the note (``str(advice)``,
Markdown, HTML) merges them into items: one per topic, one per exercise changed the same way.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

import recovery_advisor as ra
from recovery_advisor._digest import NOTE_ITEMS, items, join_names, shown
from strategies import histories

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-11-25T08:00:00"
ITEM = re.compile(r"^ (!!|! |~ |- ) ", re.MULTILINE)


def example() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "examples" / "history.json").read_text("utf-8"))
    return data


def short_nights() -> dict[str, Any]:
    """The example athlete without the back day, after a week of 6 h nights."""
    data = example()
    data["sleep"] = [{"date": f"2026-11-{d}", "hours": 6.0} for d in range(19, 26)]
    data["workouts"] = [w for w in data["workouts"] if not w["start"].startswith("2026-11-24")]
    data["checkins"] = []
    return data


def why(advice: ra.Advice) -> str:
    return str(advice).split("\nWhy:\n", 1)[1].split("\n\nReadiness:", 1)[0]


def test_the_demo_note_has_at_most_eight_items_and_names_every_rule() -> None:
    """The example athlete's note: at most 8 items, yet every recommendation's rule is named."""
    advice = ra.advise(example(), now=NOW, plan="legs-and-back")
    assert len(advice.recommendations) > NOTE_ITEMS
    text = why(advice)
    assert len(ITEM.findall(text)) <= NOTE_ITEMS
    for rule in {r.rule for r in advice.recommendations}:
        assert f"{rule}]" in text or f"{rule}," in text, rule


def test_two_reductions_of_one_exercise_are_one_item() -> None:
    """Seated Cable Row loses one set for two reasons: one item naming both rules."""
    advice = ra.advise(example(), now=NOW, plan="legs-and-back")
    row = [r for r in advice.recommendations if r.exercise == "Seated Cable Row"]
    assert {r.rule for r in row} >= {"heavy-rows-lighter-pulling", "fatigued-muscle-lighter-work"}
    merged = [i for i in items(advice.recommendations) if set(row) <= set(i.recommendations)]
    assert len(merged) == 1
    assert merged[0].message.count("one set fewer") == 1
    assert sum("one set fewer" in line for line in ITEM.split(why(advice))) <= 2


def test_one_rule_on_several_exercises_names_them_in_one_message() -> None:
    """The same instruction for two exercises reads 'A and B: ...', once."""
    advice = ra.advise(example(), now=NOW, plan="legs-and-back")
    text = why(advice)
    assert "Pull-Ups or Lat Pulldowns and Seated Cable Row: one set fewer" in text


def test_short_nights_give_one_effort_cap() -> None:
    """A week of short nights: the RPE cap is said once, with every sleep rule named."""
    advice = ra.advise(short_nights(), now=NOW, plan="legs-and-back")
    sleep_rules = [r for r in advice.recommendations if r.topic == "short-sleep"]
    assert len(sleep_rules) >= 4
    text = why(advice)
    leads = [line for line in text.splitlines() if ITEM.match(line + " ")]
    assert sum("RPE 8" in line for line in leads) == 1
    assert "Barbell Deadlift, Pull-Ups or Lat Pulldowns and Leg Press: RPE 8 or below" in text
    for r in sleep_rules:
        assert r.rule in text


def test_generic_rest_is_not_a_separate_item_from_the_longer_rest() -> None:
    """'Rest 90-120 s' and a lift's 3-5 min rest are one item that says both."""
    advice = ra.advise(short_nights(), now=NOW, plan="legs-and-back")
    rest = [i for i in items(advice.recommendations) if "rest-heavy-lifts" in i.rules]
    assert len(rest) == 1
    assert "rest-near-maximal-sets" in rest[0].rules
    assert any("180–300 s" in m for m in (rest[0].message, *rest[0].also))


def test_markdown_and_html_show_the_same_items() -> None:
    """Markdown and HTML merge the same way as the text."""
    advice = ra.advise(example(), now=NOW, plan="legs-and-back")
    md = advice._repr_markdown_()
    html = advice._repr_html_()
    assert md.count("one set fewer at RPE 7 or below; your back did heavy rows") == 1
    assert html.count("one set fewer at RPE 7 or below; your back did heavy rows") == 1
    for rule in {r.rule for r in advice.recommendations}:
        assert rule in md
        assert rule in html


def test_json_keeps_every_recommendation() -> None:
    """Merging is for people: to_dict still lists one recommendation per rule and exercise."""
    advice = ra.advise(example(), now=NOW, plan="legs-and-back")
    data = advice.to_dict()["recommendations"]
    assert len(data) == len(advice.recommendations)
    assert {r["topic"] for r in data} >= {"fatigue", "recovery", "tightness"}


def test_join_names() -> None:
    """Names are joined as English lists."""
    assert join_names([]) == ""
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B"]) == "A and B"
    assert join_names(["A", "B", "C"]) == "A, B and C"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=histories)
def test_items_cover_every_recommendation_once(history: ra.History) -> None:
    """Any history: each recommendation is in exactly one item, nothing pressing is folded,
    and the note shows at most 8 items unless more than 8 are pressing."""
    advice = ra.advise(history, now=NOW, plan="legs-and-back")
    every = items(advice.recommendations)
    held = [r for i in every for r in i.recommendations]
    assert sorted(map(repr, held)) == sorted(map(repr, advice.recommendations))
    full, folded = shown(advice.recommendations)
    assert all(i.severity == "info" for i in folded)
    pressing = sum(i.severity != "info" for i in every)
    assert len(full) <= max(NOTE_ITEMS, pressing)
    assert len(full) + len(folded) == len(every)
    text = str(advice)
    for r in advice.recommendations:
        assert r.rule in text


def test_a_topic_merges_rules_of_a_users_own_file(tmp_path: Path) -> None:
    """Topics are data: a user's rule with an existing topic joins that item."""
    (tmp_path / "mine.yaml").write_text(
        """\
version: 1
rules:
  - id: my-sleep-note
    title: My coach on short nights
    topic: short-sleep
    source: "My coach says: sleep first."
    when:
      - fact: sleep
        as: s
        where: {last_night_h: {lt: 7}}
    then:
      action: remind
      severity: caution
      message: "Sleep first, says your coach."
    examples:
      fires:
        - {name: short, history: {sleep: [{date: "2026-11-25", hours: 6}]}}
      silent:
        - {name: long, history: {sleep: [{date: "2026-11-25", hours: 8}]}}
""",
        encoding="utf-8",
    )
    advice = ra.advise(short_nights(), now=NOW, plan="legs-and-back", rules=tmp_path)
    mine = [i for i in items(advice.recommendations) if "my-sleep-note" in i.rules]
    assert len(mine) == 1
    assert "short-sleep-cap-effort" in mine[0].rules or "repeated-short-nights" in mine[0].rules
