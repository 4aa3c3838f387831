"""Render advice for people: plain text (a coach's note), Markdown and HTML."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .advice import Advice, SessionExercise

__all__ = ["render_html", "render_markdown", "render_text"]

_VERDICT = {
    "train": "TRAIN as planned",
    "train-modified": "TRAIN, MODIFIED",
    "rest": "REST today",
}
_MARK = {"stop": "!!", "warning": "! ", "caution": "~ ", "info": "- "}


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


def _readiness_line(advice: Advice) -> str:
    tired = [m for m in advice.muscles if m.band != "ready"]
    if not tired:
        return "Readiness: every muscle is ready."
    parts = [
        f"{m.muscle.replace('_', ' ')} {m.readiness} ({m.band}, ready {m.ready_at})"
        for m in sorted(tired, key=lambda m: m.readiness)
    ]
    return "Readiness: " + "; ".join(parts) + "."


def render_text(advice: Advice) -> str:
    """A plain-text report: verdict first, then the session, then the reasons with sources."""
    lines = [f"{_VERDICT[advice.verdict]}  ({advice.now:%a %d %b %Y, %H:%M})"]
    headline = next((r for r in advice.recommendations if r.severity != "info"), None)
    if headline is not None:
        lines.append(headline.message)
    s = advice.session
    if s is not None:
        lines.append("")
        title = s.title + (f" (a safer alternative to {s.based_on})" if s.based_on else "")
        lines.append(f"Session: {title}")
        if s.warm_up_min or s.warm_up:
            mins = f"{s.warm_up_min[0]}-{s.warm_up_min[1]} min" if s.warm_up_min else ""
            lines.append(f"  Warm-up {mins}: {', '.join(s.warm_up)}".rstrip(": "))
        if not s.exercises:
            lines.append("  (no training today)")
        for n, ex in enumerate(s.exercises, 1):
            opt = " (optional)" if ex.optional else ""
            lines.append(f"  {n}. {ex.name}{opt}: {ex.sets} x {ex.reps}, {_rest(ex)}")
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
        lines.append("")
        lines.append("Why:")
        for r in advice.recommendations:
            lines.append(f" {_MARK[r.severity]} {r.message}  [{r.rule}]")
            for b in r.because:
                lines.append(f"      because {b}")
            if r.replacement and not r.exercise:
                lines.append(f"      try: {r.replacement}")
            lines.append(f"      source: {r.source}" + (f" ({r.ref})" if r.ref else ""))
    lines.append("")
    lines.append(_readiness_line(advice))
    if advice.unrecognized_exercises:
        lines.append(
            "Not in the exercise catalogue (not counted): "
            + ", ".join(advice.unrecognized_exercises)
        )
    return "\n".join(lines)


def render_markdown(advice: Advice) -> str:
    """A Markdown report (used by notebooks and ``--format markdown``)."""
    out = [f"### {_VERDICT[advice.verdict]}", "", f"*{advice.now:%A %d %B %Y, %H:%M}*", ""]
    s = advice.session
    if s is not None:
        out.append(
            f"**Session: {s.title}**" + (f" (instead of {s.based_on})" if s.based_on else "")
        )
        out.append("")
        if s.warm_up_min or s.warm_up:
            mins = f"{s.warm_up_min[0]}–{s.warm_up_min[1]} min" if s.warm_up_min else ""
            out.append(f"Warm-up {mins}: {', '.join(s.warm_up)}")
            out.append("")
        out.append("| # | exercise | sets × reps | rest | note |")
        out.append("|---|---|---|---|---|")
        for n, ex in enumerate(s.exercises, 1):
            note = "; ".join(
                x
                for x in (
                    f"instead of {ex.replaces}" if ex.replaces else "",
                    _load(ex),
                    ex.note or "",
                )
                if x
            )
            out.append(
                f"| {n} | {ex.name} | {ex.sets} × {ex.reps} | {_rest(ex)} | {note.replace('|', '/')} |"
            )
        for gone in s.removed:
            out.append(f"\n*Left out:* {gone.name}: {gone.reason}")
        out.append("")
    if advice.recommendations:
        out.append("**Why**")
        out.append("")
        for r in advice.recommendations:
            out.append(f"- **{r.severity}** {r.message} (`{r.rule}`)")
            for b in r.because:
                out.append(f"  - because {b}")
            out.append(f"  - source: *{r.source}*" + (f" ({r.ref})" if r.ref else ""))
        out.append("")
    out.append(_readiness_line(advice))
    if advice.unrecognized_exercises:
        out.append("")
        out.append("Not in the catalogue: " + ", ".join(advice.unrecognized_exercises))
    return "\n".join(out)


def render_html(advice: Advice) -> str:
    """A compact HTML report for Jupyter."""
    e = html.escape
    colour = {"train": "#2e7d32", "train-modified": "#f9a825", "rest": "#c62828"}[advice.verdict]
    parts = [
        f'<div class="recovery-advisor"><h3 style="color:{colour}">{e(_VERDICT[advice.verdict])}</h3>',
        f"<p><em>{e(f'{advice.now:%A %d %B %Y, %H:%M}')}</em></p>",
    ]
    s = advice.session
    if s is not None:
        parts.append(f"<p><strong>Session: {e(s.title)}</strong></p>")
        if s.warm_up_min or s.warm_up:
            mins = f"{s.warm_up_min[0]}–{s.warm_up_min[1]} min" if s.warm_up_min else ""
            parts.append(f"<p>Warm-up {e(mins)}: {e(', '.join(s.warm_up))}</p>")
        parts.append(
            "<table><tr><th>#</th><th>exercise</th><th>sets × reps</th><th>rest</th><th>note</th></tr>"
        )
        for n, ex in enumerate(s.exercises, 1):
            note = "; ".join(
                x
                for x in (
                    f"instead of {ex.replaces}" if ex.replaces else "",
                    _load(ex),
                    ex.note or "",
                )
                if x
            )
            parts.append(
                f"<tr><td>{n}</td><td>{e(ex.name)}</td><td>{ex.sets} × {e(ex.reps)}</td>"
                f"<td>{e(_rest(ex))}</td><td>{e(note)}</td></tr>"
            )
        parts.append("</table>")
        for gone in s.removed:
            parts.append(f"<p><em>Left out:</em> {e(gone.name)}: {e(gone.reason)}</p>")
    if advice.recommendations:
        parts.append("<ul>")
        for r in advice.recommendations:
            because = "".join(f"<li>because {e(b)}</li>" for b in r.because)
            parts.append(
                f"<li><strong>{e(r.severity)}</strong> {e(r.message)} <code>{e(r.rule)}</code>"
                f"<ul>{because}<li>source: <em>{e(r.source)}</em></li></ul></li>"
            )
        parts.append("</ul>")
    parts.append(f"<p>{e(_readiness_line(advice))}</p></div>")
    return "".join(parts)
