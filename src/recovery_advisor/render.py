"""Render advice, sessions and histories for people: plain text, Markdown and HTML.

The Markdown and HTML forms are what Jupyter shows for :class:`~recovery_advisor.Advice`,
:class:`~recovery_advisor.Session` and :class:`~recovery_advisor.History` (``_repr_markdown_`` and
``_repr_html_``): concise summaries, never raw data. Every piece of text that comes from the
input (exercise names, workout names) is escaped, so a history cannot inject markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from ._digest import Item, shown
from ._digest import items as note_items

if TYPE_CHECKING:
    from .advice import Advice, MuscleStatus, Recommendation, Session, SessionExercise
    from .history import History, Workout

__all__ = [
    "render_history_html",
    "render_history_markdown",
    "render_html",
    "render_markdown",
    "render_session_html",
    "render_session_markdown",
    "render_text",
]

_VERDICT = {
    "train": "TRAIN as planned",
    "train-modified": "TRAIN, MODIFIED",
    "rest": "REST today",
}
_MARK = {"stop": "!!", "warning": "! ", "caution": "~ ", "info": "- "}
#: Colours of verdicts, severities and readiness bands (green / amber / red).
GREEN, AMBER, RED, GREY = "#2e7d32", "#f9a825", "#c62828", "#757575"
_VERDICT_COLOUR = {"train": GREEN, "train-modified": AMBER, "rest": RED}
_SEVERITY_COLOUR = {"info": GREY, "caution": AMBER, "warning": "#ef6c00", "stop": RED}
BAND_COLOUR = {"ready": GREEN, "recovering": AMBER, "fatigued": RED}
#: How many recent workouts and check-ins a history summary lists.
LAST_WORKOUTS = 5
LAST_CHECKINS = 5


# --------------------------------------------------------------------------- shared pieces
def _volume(ex: SessionExercise) -> str:
    """``3 × 10``; work counted in rounds reads ``3 rounds``."""
    if ex.reps.strip().endswith(("round", "rounds")):
        return f"{ex.sets} rounds" if ex.reps.split()[0] == str(ex.sets) else ex.reps
    return f"{ex.sets} × {ex.reps}"


def _rest(ex: SessionExercise) -> str:
    low, high = ex.rest_seconds
    if low >= 120 and low % 60 == 0 and high % 60 == 0:
        return f"rest {low // 60}-{high // 60} min"
    return f"rest {low}-{high} s"


def _load(ex: SessionExercise) -> str:
    bits = []
    if ex.load_pct is not None:
        bits.append(f"~{ex.load_pct}% of usual load")
    if ex.rpe_max is not None:
        bits.append(f"RPE ≤ {ex.rpe_max:g}")
    return ", ".join(bits)


def _notes(ex: SessionExercise) -> str:
    return "; ".join(
        x
        for x in (
            f"instead of {ex.replaces}" if ex.replaces else "",
            _load(ex),
            ex.note or "",
        )
        if x
    )


def _not_ready(advice: Advice) -> list[MuscleStatus]:
    return sorted(
        (m for m in advice.muscles if m.band != "ready"), key=lambda m: (m.readiness, m.muscle)
    )


def _muscle(name: str) -> str:
    return name.replace("_", " ")


def _readiness_line(advice: Advice) -> str:
    tired = _not_ready(advice)
    if not tired:
        return "Readiness: every muscle is ready."
    parts = [f"{_muscle(m.muscle)} {m.readiness} ({m.band}, ready {m.ready_at})" for m in tired]
    return "Readiness: " + "; ".join(parts) + "."


def _load_line(advice: Advice) -> str | None:
    """The acute:chronic load ratio in one line, or ``None`` under 28 days of history."""
    load = advice.training_load
    if load is None:
        return None
    measure = "session RPE × minutes" if load.measure == "session-rpe" else "hard sets"
    return (
        f"Training load: the last 7 days carried {load.ratio:g} × your weekly average of the "
        f"last 4 weeks ({measure}; a spike flag, not an injury prediction)."
    )


def _headline(advice: Advice) -> Recommendation | None:
    return next((r for r in advice.recommendations if r.severity != "info"), None)


def _rules(item: Item) -> str:
    return ", ".join(item.rules)


def _folded(folded: Sequence[Item]) -> str:
    """The closing line of ``info`` items that did not fit in the note."""
    named = dict.fromkeys(
        f"{r.title or r.rule} [{r.rule}]" for i in folded for r in i.recommendations
    )
    return "Also: " + "; ".join(named) + "."


def _when(moment: datetime, *, year: bool = True) -> str:
    text = f"{moment:%a %d %b %Y %H:%M}" if year else f"{moment:%a %d %b %H:%M}"
    if moment.tzinfo is not None:
        offset = moment.strftime("%z")
        text += f" {offset[:3]}:{offset[3:5]}" if offset else ""
    return text


def _naive(moment: datetime) -> datetime:
    return moment.replace(tzinfo=None)


def _md(text: str) -> str:
    """Escape input text for Markdown (HTML entities for ``<>&``, backslashes for the rest)."""
    out = html.escape(text, quote=False)
    # backslash first; without a bare '[' or ']' no link or image can be formed
    for ch in ("\\", "`", "*", "_", "|", "[", "]"):
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def _e(text: object) -> str:
    return html.escape(str(text))


# --------------------------------------------------------------------------- plain text
def render_text(advice: Advice) -> str:
    """A plain-text report: verdict first, then the session, then the reasons with sources."""
    lines = [f"{_VERDICT[advice.verdict]}  ({advice.now:%a %d %b %Y, %H:%M})"]
    headline = _headline(advice)
    if headline is not None:
        lines.append(headline.message)
    s = advice.session
    if s is not None:
        lines.append("")
        title = s.title + (f" (instead of {s.based_on})" if s.based_on else "")
        lines.append(f"Session: {title}")
        if s.warm_up_min or s.warm_up:
            mins = f"{s.warm_up_min[0]}-{s.warm_up_min[1]} min" if s.warm_up_min else ""
            lines.append(f"  Warm-up {mins}: {', '.join(s.warm_up)}".rstrip(": "))
        if not s.exercises:
            lines.append("  (no training today)")
        for n, ex in enumerate(s.exercises, 1):
            opt = " (optional)" if ex.optional else ""
            lines.append(f"  {n}. {ex.name}{opt}: {_volume(ex)}, {_rest(ex)}")
            extra = _load(ex)
            if ex.replaces:
                lines.append(f"     instead of {ex.replaces}")
            if extra:
                lines.append(f"     {extra}")
            if ex.note:
                lines.append(f"     note: {ex.note}")
        for gone in s.removed:
            lines.append(f"  - left out: {gone.name}: {gone.reason}")
    if advice.recommendations:
        full, folded = shown(advice.recommendations)
        lines.append("")
        lines.append("Why:")
        for item in full:
            lines.append(f" {_MARK[item.severity]} {item.message}  [{_rules(item)}]")
            lines.extend(f"      also: {x}" for x in item.also)
            lines.extend(f"      because {b}" for b in item.because)
            lines.extend(f"      try: {t}" for t in item.tries)
            lines.extend(f"      source: {x}" for x in item.sources)
        if folded:
            lines.append(" " + _folded(folded))
    lines.append("")
    lines.append(_readiness_line(advice))
    load_line = _load_line(advice)
    if load_line:
        lines.append(load_line)
    if advice.unrecognized_exercises:
        lines.append(
            "Not in the exercise catalogue (not counted): "
            + ", ".join(advice.unrecognized_exercises)
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- Markdown
def _session_title(s: Session) -> str:
    return s.title + (f" (instead of {s.based_on})" if s.based_on else "")


def _warm_up(s: Session) -> str | None:
    if not (s.warm_up_min or s.warm_up):
        return None
    mins = f" {s.warm_up_min[0]}–{s.warm_up_min[1]} min" if s.warm_up_min else ""
    drills = f": {', '.join(s.warm_up)}" if s.warm_up else ""
    return f"Warm-up{mins}{drills}"


def render_session_markdown(session: Session, *, heading: str = "####") -> str:
    """A session as Markdown: title, warm-up, a table of exercises, and what was left out."""
    s = session
    out = [f"{heading} Session: {_md(_session_title(s))}", ""]
    warm = _warm_up(s)
    if warm:
        out += [_md(warm), ""]
    if s.exercises:
        out.append("| # | exercise | sets × reps | rest | notes |")
        out.append("|---|---|---|---|---|")
        for n, ex in enumerate(s.exercises, 1):
            name = _md(ex.name) + (" *(optional)*" if ex.optional else "")
            out.append(f"| {n} | {name} | {_md(_volume(ex))} | {_rest(ex)} | {_md(_notes(ex))} |")
    else:
        out.append("No training today.")
    if s.removed:
        out.append("")
        for gone in s.removed:
            out.append(f"- *left out:* {_md(gone.name)}: {_md(gone.reason)} (`{gone.rule}`)")
    return "\n".join(out)


def _md_item(item: Item) -> list[str]:
    rules = ", ".join(f"`{r}`" for r in item.rules)
    lines = [f"- **{item.severity}** {_md(item.message)} ({rules})"]
    lines.extend(f"  - also: {_md(x)}" for x in item.also)
    if item.because:
        lines.append("  - because " + "; ".join(_md(b) for b in item.because))
    lines.extend(f"  - try: {_md(t)}" for t in item.tries)
    lines.extend(f"  - source: *{_md(x)}*" for x in item.sources)
    return lines


def render_markdown(advice: Advice) -> str:
    """A Markdown report (what notebooks show, and ``--format markdown``): verdict, session
    table, reasons with their sources, readiness of the muscles that are not ready."""
    out = [f"### {_VERDICT[advice.verdict]}", "", f"*{advice.now:%A %d %B %Y, %H:%M}*"]
    headline = _headline(advice)
    if headline is not None:
        out += ["", f"**{_md(headline.message)}**"]
    out.append("")
    if advice.session is not None:
        out += [render_session_markdown(advice.session), ""]
    if advice.recommendations:
        full, folded = shown(advice.recommendations)
        out += ["#### Why", ""]
        for item in full:
            out += _md_item(item)
        if folded:
            out += ["", _md(_folded(folded))]
        out.append("")
    out.append(_md(_readiness_line(advice)))
    load_line = _load_line(advice)
    if load_line:
        out += ["", _md(load_line)]
    if advice.unrecognized_exercises:
        out += [
            "",
            "Not in the exercise catalogue (not counted): "
            + ", ".join(_md(n) for n in advice.unrecognized_exercises),
        ]
    return "\n".join(out)


def _athlete_line(history: History) -> str:
    a = history.athlete
    bits = []
    if a.experience:
        bits.append(a.experience)
    if a.sessions_per_week is not None:
        bits.append(f"{a.sessions_per_week} sessions a week")
    if a.goals:
        bits.append("goals: " + ", ".join(a.goals))
    if a.body_mass_kg is not None:
        bits.append(f"{a.body_mass_kg:g} kg")
    return " · ".join(bits) if bits else "no athlete profile"


def _counts(history: History) -> str:
    workouts = history.workouts
    if not workouts:
        return "No workouts."
    exercises = sum(len(w.exercises) for w in workouts)
    sets = sum(len(e.sets) for w in workouts for e in w.exercises)
    warmups = sum(1 for w in workouts for e in w.exercises for s in e.sets if s.type == "warmup")
    first = min(workouts, key=lambda w: _naive(w.start)).start
    last = max(workouts, key=lambda w: _naive(w.start)).start
    warm = f" ({warmups} warm-up)" if warmups else ""
    return (
        f"{_plural(len(workouts), 'workout')}, {_plural(exercises, 'exercise')}, "
        f"{_plural(sets, 'set')}{warm}, from {first:%a %d %b %Y} to {last:%a %d %b %Y}."
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _last_workouts(history: History) -> list[Workout]:
    return sorted(history.workouts, key=lambda w: _naive(w.start))[-LAST_WORKOUTS:][::-1]


def _exercise_names(w: Workout, limit: int = 4) -> str:
    names = [e.name for e in w.exercises]
    if len(names) > limit:
        return ", ".join(names[:limit]) + f", +{len(names) - limit} more"
    return ", ".join(names) or "—"


def _sleep_line(history: History) -> str | None:
    nights = sorted(history.sleep, key=lambda s: s.date)
    if not nights:
        return None
    avg = sum(s.hours for s in nights) / len(nights)
    last = nights[-1]
    span = (
        f"on {nights[0].date.isoformat()}"
        if len(nights) == 1
        else f"from {nights[0].date.isoformat()} to {last.date.isoformat()}"
    )
    return (
        f"Sleep: {_plural(len(nights), 'night')} {span}, average {avg:.1f} h; "
        f"last {last.hours:g} h ({last.date.isoformat()})."
    )


def _checkins(history: History) -> list[tuple[str, str, str, int]]:
    ordered = sorted(history.checkins, key=lambda c: _naive(c.at))[-LAST_CHECKINS:][::-1]
    return [(_when(c.at), _muscle(c.muscle), c.feeling, c.level) for c in ordered]


def _duration(w: Workout) -> str:
    return f"{w.duration_min:g} min" if w.duration_min is not None else ""


def render_history_markdown(history: History) -> str:
    """A summary of a history as Markdown: profile, counts and date range, the last workouts,
    the latest check-ins and sleep."""
    out = ["### Training history", "", _md(_athlete_line(history)), "", _md(_counts(history))]
    if history.workouts:
        out += ["", f"#### Last {_plural(min(LAST_WORKOUTS, len(history.workouts)), 'workout')}"]
        out += ["", "| start | workout | exercises | sets | duration |", "|---|---|---|---|---|"]
        for w in _last_workouts(history):
            sets = sum(len(e.sets) for e in w.exercises)
            out.append(
                f"| {_when(w.start)} | {_md(w.name or '')} | {_md(_exercise_names(w))} "
                f"| {sets} | {_duration(w)} |"
            )
    if history.checkins:
        out += ["", f"#### Check-ins ({len(history.checkins)})", ""]
        out += ["| at | muscle | feeling | level |", "|---|---|---|---|"]
        for when, muscle, feeling, level in _checkins(history):
            out.append(f"| {when} | {muscle} | {feeling} | {level}/5 |")
    sleep = _sleep_line(history)
    if sleep:
        out += ["", sleep]
    return "\n".join(out)


# --------------------------------------------------------------------------- HTML
_TABLE = 'style="border-collapse:collapse;margin:0.3em 0"'
_CELL = 'style="text-align:left;padding:0.15em 0.6em;border-bottom:1px solid #ddd"'


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """An HTML table; ``rows`` hold already-escaped HTML."""
    head = "".join(f"<th {_CELL}>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td {_CELL}>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table {_TABLE}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _badge(text: str, colour: str) -> str:
    return (
        f'<span style="color:#fff;background:{colour};border-radius:3px;'
        f'padding:0 0.35em;font-size:85%">{_e(text)}</span>'
    )


def _session_fragment(s: Session) -> str:
    parts = [f'<p style="margin:0.4em 0"><strong>Session: {_e(_session_title(s))}</strong></p>']
    warm = _warm_up(s)
    if warm:
        parts.append(f'<p style="margin:0.2em 0">{_e(warm)}</p>')
    if s.exercises:
        rows = []
        for n, ex in enumerate(s.exercises, 1):
            name = _e(ex.name) + (" <em>(optional)</em>" if ex.optional else "")
            rows.append((str(n), name, _e(_volume(ex)), _e(_rest(ex)), _e(_notes(ex))))
        parts.append(_table(("#", "exercise", "sets × reps", "rest", "notes"), rows))
    else:
        parts.append('<p style="margin:0.2em 0"><strong>No training today.</strong></p>')
    if s.removed:
        items = "".join(
            f"<li><em>left out:</em> {_e(g.name)}: {_e(g.reason)} <code>{_e(g.rule)}</code></li>"
            for g in s.removed
        )
        parts.append(f'<ul style="margin:0.2em 0">{items}</ul>')
    return "".join(parts)


def render_session_html(session: Session) -> str:
    """A session as a compact HTML fragment (title, warm-up, table of exercises, left-out work)."""
    return f'<div class="recovery-advisor-session">{_session_fragment(session)}</div>'


def _html_item(item: Item) -> str:
    extra = [f"also: {_e(x)}" for x in item.also]
    if item.because:
        extra.append("because " + "; ".join(_e(b) for b in item.because))
    extra += [f"try: {_e(t)}" for t in item.tries]
    extra += [f"source: <em>{_e(x)}</em>" for x in item.sources]
    details = "".join(f'<br><small style="color:#555">{x}</small>' for x in extra)
    rules = " ".join(f'<code style="font-size:80%">{_e(r)}</code>' for r in item.rules)
    return (
        f"<li>{_badge(item.severity, _SEVERITY_COLOUR[item.severity])} {_e(item.message)} "
        f"{rules}{details}</li>"
    )


def render_html(advice: Advice) -> str:
    """A compact HTML report for Jupyter: verdict, session table, the note's items with their
    sources (items of severity ``info`` folded away when there are more pressing ones),
    readiness."""
    colour = _VERDICT_COLOUR[advice.verdict]
    parts = [
        '<div class="recovery-advisor">',
        f'<h3 style="color:{colour};margin:0.2em 0">{_e(_VERDICT[advice.verdict])}</h3>',
        f'<p style="margin:0.2em 0"><em>{_e(f"{advice.now:%A %d %B %Y, %H:%M}")}</em></p>',
    ]
    headline = _headline(advice)
    if headline is not None:
        parts.append(f'<p style="margin:0.2em 0"><strong>{_e(headline.message)}</strong></p>')
    if advice.session is not None:
        parts.append(_session_fragment(advice.session))
    if advice.recommendations:
        every = note_items(advice.recommendations)
        pressing = [i for i in every if i.severity != "info"]
        notes = [i for i in every if i.severity == "info"]
        full, folded = (pressing, notes) if pressing else (notes, [])
        parts.append('<p style="margin:0.4em 0 0.1em"><strong>Why</strong></p>')
        parts.append('<ul style="margin:0.2em 0">' + "".join(map(_html_item, full)) + "</ul>")
        if folded:
            parts.append(
                f"<details><summary>{_plural(len(folded), 'more note')}</summary>"
                '<ul style="margin:0.2em 0">' + "".join(map(_html_item, folded)) + "</ul></details>"
            )
    tired = _not_ready(advice)
    if tired:
        items = "; ".join(
            f'{_e(_muscle(m.muscle))} <span style="color:{BAND_COLOUR.get(m.band, GREY)}">'
            f"<strong>{m.readiness}</strong> {_e(m.band)}</span>, ready {_e(m.ready_at)}"
            for m in tired
        )
        parts.append(f'<p style="margin:0.4em 0">Readiness: {items}.</p>')
    else:
        parts.append('<p style="margin:0.4em 0">Readiness: every muscle is ready.</p>')
    load_line = _load_line(advice)
    if load_line:
        parts.append(f'<p style="margin:0.2em 0">{_e(load_line)}</p>')
    if advice.unrecognized_exercises:
        names = ", ".join(_e(n) for n in advice.unrecognized_exercises)
        parts.append(
            f'<p style="margin:0.2em 0">Not in the exercise catalogue (not counted): {names}</p>'
        )
    parts.append("</div>")
    return "".join(parts)


def render_history_html(history: History) -> str:
    """A summary of a history as HTML: profile, counts and date range, the last workouts, the
    latest check-ins and sleep."""
    parts = [
        '<div class="recovery-advisor-history">',
        '<h4 style="margin:0.2em 0">Training history</h4>',
        f'<p style="margin:0.2em 0">{_e(_athlete_line(history))}<br>{_e(_counts(history))}</p>',
    ]
    if history.workouts:
        rows = [
            (
                _e(_when(w.start)),
                _e(w.name or ""),
                _e(_exercise_names(w)),
                str(sum(len(e.sets) for e in w.exercises)),
                _e(_duration(w)),
            )
            for w in _last_workouts(history)
        ]
        parts.append(_table(("start", "workout", "exercises", "sets", "duration"), rows))
    if history.checkins:
        felt = [
            (_e(when), _e(muscle), _e(feeling), f"{level}/5")
            for when, muscle, feeling, level in _checkins(history)
        ]
        parts.append(
            f'<p style="margin:0.4em 0 0">Check-ins ({len(history.checkins)}), latest first:</p>'
        )
        parts.append(_table(("at", "muscle", "feeling", "level"), felt))
    sleep = _sleep_line(history)
    if sleep:
        parts.append(f'<p style="margin:0.2em 0">{_e(sleep)}</p>')
    parts.append("</div>")
    return "".join(parts)
