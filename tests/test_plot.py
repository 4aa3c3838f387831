"""Plots: ``advice.plot()`` and ``ra.plot_readiness()`` draw readiness with matplotlib (Agg)."""

from __future__ import annotations

import io
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import recovery_advisor as ra
from recovery_advisor._timeline import readiness_series
from recovery_advisor.facts import derive_facts

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOW = "2026-11-25T08:00:00"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
GREEN, AMBER, RED = "#2e7d32", "#f9a825", "#c62828"


@pytest.fixture(scope="module")
def history() -> ra.History:
    return ra.load_history(ROOT / "examples" / "history.json")


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def test_advice_plot_is_a_sorted_bar_chart_coloured_by_band(history: ra.History) -> None:
    """``advice.plot()`` returns a Figure with one bar per muscle, most tired first, each
    coloured by its band, and renders to a non-empty PNG."""
    advice = ra.advise(history, now=NOW, plan="legs-and-back")
    fig = advice.plot()
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    bars = list(ax.patches)
    assert len(bars) == len(advice.readiness) == 17
    labels = [t.get_text() for t in ax.get_yticklabels()]
    widths = [b.get_width() for b in bars]
    assert widths == sorted(widths)  # y axis is inverted: first bar at the top
    assert widths[0] == min(advice.readiness.values())
    band = {m.muscle.replace("_", " "): m.band for m in advice.muscles}
    expected = {"ready": GREEN, "recovering": AMBER, "fatigued": RED}
    for label, bar in zip(labels, bars, strict=True):
        assert to_hex(bar.get_facecolor()) == expected[band.get(label, "ready")], label
    assert any(b != "ready" for b in band.values())  # the example has tired muscles
    assert _png(fig).startswith(PNG_MAGIC)
    assert len(_png(fig)) > 5000


def test_advice_plot_into_given_axes(history: ra.History) -> None:
    """With ``ax`` the bars go into those axes and their figure is returned."""
    advice = ra.advise(history, now=NOW)
    fig = Figure()
    ax = fig.add_subplot()
    assert advice.plot(ax=ax) is fig
    assert len(ax.patches) == 17


def test_plot_readiness_matches_advise(history: ra.History) -> None:
    """The last point of each curve is the readiness ``advise()`` reports at ``now``, the
    curves cover the requested days, and every workout in the window is marked."""
    fig = ra.plot_readiness(history, ["hamstrings", "lats"], days=14, now=NOW, step_hours=6)
    ax = fig.axes[0]
    advice = ra.advise(history, now=NOW)
    lines = {ln.get_label(): ln for ln in ax.get_lines() if not ln.get_label().startswith("_")}
    assert set(lines) == {"hamstrings", "lats"}
    for name, line in lines.items():
        y = list(line.get_ydata())
        assert y[-1] == advice.readiness[name]
        assert min(y) < 67 <= max(y)
        xs = line.get_xdata()
        span = xs[-1] - xs[0]
        assert abs(span - timedelta(days=14)) < timedelta(hours=1)
    start = datetime(2026, 11, 11, 8)
    marked = [
        ln for ln in ax.get_lines() if ln.get_label().startswith("_") and ln.get_linestyle() == "--"
    ]
    in_window = [w for w in history.workouts if w.start >= start]
    assert len(marked) == len(in_window) > 0
    assert _png(fig).startswith(PNG_MAGIC)
    assert len(_png(fig)) > 5000


def test_readiness_series_equals_derive_facts_at_each_moment(history: ra.History) -> None:
    """Each point of the series is what ``derive_facts`` computes at that moment from the
    workouts started by then (so the plot and the advice never disagree)."""
    params = ra.RuleBook.default().param_values()
    moments = [datetime(2026, 11, 20, 0) + timedelta(hours=7 * k) for k in range(12)]
    series = readiness_series(history, moments, params)
    for i, moment in enumerate(moments):
        past = ra.History(workouts=tuple(w for w in history.workouts if w.start <= moment))
        expected = derive_facts(past, moment, params).readiness
        assert {m: v[i] for m, v in series.readiness.items()} == expected


def test_plot_readiness_defaults_pick_tired_muscles(history: ra.History) -> None:
    """Without ``muscles`` the four least-ready muscles of the window are drawn; a group name
    expands to its muscles."""
    fig = ra.plot_readiness(history, now=NOW, days=7)
    labels = [
        ln.get_label() for ln in fig.axes[0].get_lines() if not ln.get_label().startswith("_")
    ]
    assert len(labels) == 4
    fig = ra.plot_readiness(history, "posterior_chain", now=NOW, days=7)
    labels = [
        ln.get_label() for ln in fig.axes[0].get_lines() if not ln.get_label().startswith("_")
    ]
    assert labels == ["hamstrings", "glutes", "lower back"]


def test_plot_readiness_with_aware_now_and_empty_history() -> None:
    """An aware ``now`` and an empty history still give a figure (flat at 100)."""
    now = datetime(2026, 11, 25, 8, tzinfo=timezone.utc)
    fig = ra.plot_readiness({}, "chest", now=now, days=2)
    (line,) = [ln for ln in fig.axes[0].get_lines() if ln.get_label() == "chest"]
    assert set(line.get_ydata()) == {100}
    assert _png(fig).startswith(PNG_MAGIC)


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"muscles": ["hamstring"]}, "muscles[0]"),
        ({"muscles": []}, "muscles"),
        ({"days": 0}, "days"),
        ({"step_hours": 0.01}, "step_hours"),
        ({"days": 3000, "step_hours": 1}, "step_hours"),
        ({"now": "soon"}, "now"),
    ],
)
def test_plot_readiness_bad_arguments(
    history: ra.History, kwargs: dict[str, object], path: str
) -> None:
    """Bad arguments raise the library's error naming the argument."""
    kwargs.setdefault("now", NOW)
    with pytest.raises(ra.HistoryError) as info:
        ra.plot_readiness(history, **kwargs)  # type: ignore[arg-type]
    assert info.value.path == path


def test_misspelt_muscle_gets_a_suggestion(history: ra.History) -> None:
    """A misspelt muscle name gets a "did you mean"."""
    with pytest.raises(ra.HistoryError, match="did you mean 'hamstrings'"):
        ra.plot_readiness(history, "hamstring", now=NOW)


def test_without_matplotlib_the_error_names_the_extra(
    history: ra.History, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When matplotlib cannot be imported, both plots raise MissingDependencyError (a library
    error and an ImportError) that says how to install the ``plot`` extra."""
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)
    advice = ra.advise(history, now=NOW)
    with pytest.raises(ra.MissingDependencyError) as info:
        advice.plot()
    assert "pip install 'recovery-advisor[plot]'" in str(info.value)
    assert isinstance(info.value, ra.RecoveryAdvisorError)
    assert isinstance(info.value, ImportError)
    assert info.value.extra == "plot"
    assert info.value.package == "matplotlib"
    with pytest.raises(ra.MissingDependencyError, match=r"recovery-advisor\[plot\]"):
        ra.plot_readiness(history, now=NOW)
