"""Plots of readiness (needs matplotlib: ``pip install 'recovery-advisor[plot]'``).

* :func:`plot_advice` (also ``advice.plot()``): every muscle's readiness today as a sorted bar
  chart coloured by band (green ready, amber recovering, red fatigued).
* :func:`plot_readiness`: readiness of chosen muscles over the last weeks, with the workouts
  marked.

Both return a :class:`matplotlib.figure.Figure`. Without ``ax`` they draw on a new figure that is
not registered with ``pyplot`` (Jupyter shows a returned figure once; scripts save it with
``fig.savefig("readiness.png")``); pass ``ax`` to draw into axes of your own.
matplotlib is imported only when a plot is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from . import _validate as v
from ._time import local
from ._timeline import readiness_series
from .errors import HistoryError, MissingDependencyError
from .history import History
from .render import AMBER, BAND_COLOUR, GREEN, GREY, RED
from .rulebook import RuleBook
from .vocabulary import MUSCLE_GROUPS, MUSCLES

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from .advice import Advice

__all__ = ["plot_advice", "plot_readiness"]

#: Upper bound on the points of one readiness curve (days * 24 / step_hours).
MAX_POINTS = 5000
#: Line colours of muscles: none of them green, amber or red, which mark the bands.
LINE_COLOURS = ("#1f77b4", "#9467bd", "#8c564b", "#17becf", "#e377c2", "#000000", "#7f7f7f")
#: Workouts are labelled by name only when there are at most this many in the window.
MAX_LABELS = 30


def _matplotlib(feature: str) -> Any:
    """Import matplotlib's Figure class, or raise a library error naming the ``plot`` extra."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        raise MissingDependencyError(feature, "matplotlib", "plot") from None
    return Figure


def _axes(feature: str, ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    """The figure and axes to draw on: ``ax`` and its (root) figure, or a new figure that is not
    registered with pyplot."""
    figure_class = _matplotlib(feature)
    if ax is not None:
        owner: Any = ax.get_figure()
        while owner is not None and not isinstance(owner, figure_class):
            owner = owner.get_figure()  # a SubFigure: up to the root figure
        if owner is None:
            raise HistoryError("ax", "must be matplotlib Axes that belong to a figure")
        root: Figure = owner
        return root, ax
    fig: Figure = figure_class(figsize=size, layout="constrained")
    return fig, fig.add_subplot()


def plot_advice(advice: Advice, *, ax: Axes | None = None) -> Figure:
    """Every muscle's readiness at ``advice.now`` as horizontal bars, most tired first,
    coloured by band (green ready, amber recovering, red fatigued)."""
    status = {m.muscle: m for m in advice.muscles}
    rows = sorted(advice.readiness.items(), key=lambda kv: (kv[1], kv[0]))
    fig, axes = _axes("advice.plot()", ax, (7.0, 0.32 * max(len(rows), 4) + 1.2))
    labels = [m.replace("_", " ") for m, _ in rows]
    values = [r for _, r in rows]
    # Muscles without a status carry no fatigue at all (readiness 100): they are ready.
    bands = [status[m].band if m in status else "ready" for m, _ in rows]
    colours = [BAND_COLOUR.get(b, GREY) for b in bands]
    y = list(range(len(rows)))
    axes.barh(y, values, color=colours)
    axes.set_yticks(y, labels)
    axes.invert_yaxis()
    for yi, value in zip(y, values, strict=True):
        axes.text(min(value + 1, 101), yi, str(value), va="center", fontsize=8)
    axes.set_xlim(0, 108)
    axes.set_xlabel("readiness (0-100)")
    axes.set_title(f"Readiness on {advice.now:%a %d %b %Y %H:%M} · verdict: {advice.verdict}")
    from matplotlib.patches import Patch

    axes.legend(
        handles=[Patch(color=c, label=b) for b, c in BAND_COLOUR.items()],
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        fontsize=8,
    )
    return fig


def _muscles(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    items = [value] if isinstance(value, str) else list(value)
    out: list[str] = []
    for i, name in enumerate(items):
        path = "muscles" if isinstance(value, str) else f"muscles[{i}]"
        name = v.choice(name, path, (*MUSCLES, *MUSCLE_GROUPS))
        out.extend(MUSCLE_GROUPS.get(name, (name,)))
    if not out:
        raise HistoryError("muscles", "must name at least one muscle")
    return list(dict.fromkeys(out))


def plot_readiness(
    history: History | Mapping[str, Any],
    muscles: str | Iterable[str] | None = None,
    days: float = 28,
    now: datetime | str | None = None,
    *,
    step_hours: float = 3.0,
    rules: RuleBook | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Readiness of ``muscles`` over the ``days`` before ``now``, with every workout marked.

    ``muscles`` is a muscle, a group (``"posterior_chain"``) or a list of them; by default the
    four muscles that were least ready at some point of the window. Readiness is computed every
    ``step_hours`` exactly as ``advise()`` would have computed it at that moment, with the
    parameters of ``rules`` (default: the bundled rule book). ``now`` defaults to the current
    time, like ``advise()``; pass it for a history that ended earlier. The background shows the
    bands: green ready, amber recovering, red fatigued.
    """
    _matplotlib("plot_readiness()")
    hist = History.coerce(history)
    moment = datetime.now() if now is None else v.timestamp(now, "now")
    span = v.number(days, "days", low=1 / 24, high=3660, unit="days")
    step = v.number(step_hours, "step_hours", low=0.25, high=24 * 7, unit="h")
    count = math.floor(span * 24 / step) + 1
    if count > MAX_POINTS:
        raise HistoryError(
            "step_hours",
            f"gives {count} points over {span:g} days, more than the limit of {MAX_POINTS}; "
            "use a larger step",
        )
    chosen = _muscles(muscles)
    book = rules or RuleBook.default()
    params = book.param_values()
    grid = [moment - timedelta(hours=step * k) for k in range(count)]
    first, last = local(grid[-1], moment), local(moment, moment)
    # Points just before and at each workout's start make the drops sharp at any step.
    starts = [local(w.start, moment) for w in hist.workouts]
    extra = [
        (s + d).replace(tzinfo=moment.tzinfo)
        for s in starts
        if first < s <= last
        for d in (-timedelta(minutes=1), timedelta(0))
    ]
    moments = sorted({*grid, *extra}, key=lambda m: local(m, moment))
    series = readiness_series(hist, moments, params)
    if chosen is None:
        lowest = sorted(MUSCLES, key=lambda m: (min(series.readiness.get(m, (100,))), m))
        chosen = [m for m in lowest[:4] if min(series.readiness.get(m, (100,))) < 100]
        chosen = chosen or list(MUSCLE_GROUPS["posterior_chain"])

    fig, axes = _axes("plot_readiness()", ax, (9.0, 4.5))
    # matplotlib's type hints want floats on the x axis; datetimes work through its unit registry.
    dated: Any = axes
    start, end = series.times[0], series.times[-1]
    ready = float(params["ready_threshold"])
    fatigued = float(params["fatigued_threshold"])
    axes.axhspan(ready, 105, color=GREEN, alpha=0.08, lw=0)
    axes.axhspan(fatigued, ready, color=AMBER, alpha=0.10, lw=0)
    axes.axhspan(0, fatigued, color=RED, alpha=0.08, lw=0)
    for i, muscle in enumerate(chosen):
        dated.plot(
            list(series.times),
            list(series.readiness[muscle]),
            label=muscle.replace("_", " "),
            lw=1.6,
            color=LINE_COLOURS[i % len(LINE_COLOURS)],
        )
    workouts = [
        (when, w) for w in hist.workouts if start <= (when := local(w.start, moment)) <= end
    ]
    for when, w in workouts:
        dated.axvline(when, color=GREY, lw=0.8, ls="--", alpha=0.6)
        if len(workouts) <= MAX_LABELS and w.name:
            dated.text(
                when, 104, w.name, rotation=90, va="top", ha="right", fontsize=7, color="#444"
            )
    dated.set_xlim(start, end)
    axes.set_ylim(0, 105)
    axes.set_ylabel("readiness (0-100)")
    axes.set_title(
        f"Readiness over {span:g} days to {end:%a %d %b %Y %H:%M} "
        f"({len(workouts)} workouts, dashed lines)"
    )
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
    import matplotlib.dates

    mdates: Any = matplotlib.dates
    locator = mdates.AutoDateLocator(maxticks=10)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return fig
