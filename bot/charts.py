"""Pictures of answers, as PNG bytes: one chart function per kind of answer.

matplotlib is an optional extra (`pip install -e '.[charts]'`), so the bot runs without it and a
chart request then says charts are not installed. The charts draw only what the answer holds:
dates, outlets and counts, never text of their own about the news.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable
from typing import Any

from bot.answers.balance import slant_label
from bot.answers.types import Answer, SourcesAnswer, TimelineAnswer
from bot.commands import N_
from bot.i18n import speaking, tr, trn
from bot.models import PartialDate

__all__ = ["ChartsUnavailable", "chart_png", "charts_available", "has_chart"]

NOT_INSTALLED = N_("Charts are not installed on this bot (its operator can add them with "
                   "pip install 'newsbot[charts]').")


class ChartsUnavailable(RuntimeError):
    """matplotlib is not installed."""


def charts_available() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError as error:
        raise ChartsUnavailable(NOT_INSTALLED) from error
    matplotlib.use("Agg")  # no display: render to memory
    import matplotlib.pyplot as plt

    return plt


def _year_fraction(iso: str, last: bool = False) -> float:
    """'1960-09-28' as 1960.74; a year or month alone as its start (or end, for `last`)."""
    date = PartialDate.parse_iso(iso)
    year, month, day = date.year, date.month, date.day
    if month is None:
        return year + (1.0 if last else 0.0)
    fraction = (month - 1) / 12 + ((day - 1) / 365 if day else (1 / 12 if last else 0.0))
    return year + fraction


def timeline_chart(answer: TimelineAnswer) -> bytes:
    """One row per outlet on a time axis: a dot for each event it reports, a bar for periods
    ("1960–1964", "late 1980s"). Long stories are drawn on two axes when most events are
    recent, so that a century of background does not squeeze the last years into a line."""
    plt = _pyplot()
    outlets = list(dict.fromkeys(s.outlet for e in answer.events for s in e.sources))
    colours = plt.get_cmap("tab10")
    points = [(_year_fraction(e.date), _year_fraction(e.end, True) if e.end else None, e)
              for e in answer.events]
    starts = sorted(p[0] for p in points)
    split = _split_point(starts)
    ranges = [(starts[0], split[0]), (split[1], starts[-1])] if split else [(starts[0], starts[-1])]
    ratios = [1, 3] if split else [1]
    figure, axes = plt.subplots(1, len(ranges), sharey=True, squeeze=False,
                                figsize=(10, 1.6 + 0.55 * len(outlets)),
                                gridspec_kw={"width_ratios": ratios})
    for column, (low, high) in enumerate(ranges):
        axis = axes[0][column]
        pad = max(2.0, (high - low) * 0.04)
        axis.set_xlim(low - pad, high + pad)
        for start, end, event in points:
            if not low - pad <= start <= high + pad:
                continue
            for source in event.sources:
                row = outlets.index(source.outlet)
                colour = colours(row % 10)
                if end is not None:
                    axis.plot([start, end], [row, row], color=colour, linewidth=6, alpha=0.5,
                              solid_capstyle="butt")
                else:
                    axis.plot(start, row, "o", color=colour, markersize=8, alpha=0.85)
        axis.grid(axis="x", alpha=0.3)
        axis.spines[["top", "right"]].set_visible(False)
        if column:
            axis.spines["left"].set_visible(False)
            axis.tick_params(axis="y", length=0)
        axis.xaxis.set_major_locator(plt.MaxNLocator(6, integer=True))
    first = axes[0][0]
    first.set_yticks(range(len(outlets)), outlets)
    first.set_ylim(-0.7, len(outlets) - 0.3)
    first.invert_yaxis()
    scope = ", ".join(p for p in (answer.topic, answer.period) if p)
    events = trn("{n} event by outlet", "{n} events by outlet", len(answer.events))
    title = (tr("Timeline: {scope} — {events}", scope=scope, events=events) if scope
             else tr("Timeline — {events}", events=events))
    figure.suptitle(title, fontsize=12, x=0.01, ha="left")
    return _png(figure)


def _png(figure: Any) -> bytes:
    """The finished figure as PNG bytes; the figure is closed so charts do not pile up."""
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=120)
    _pyplot().close(figure)
    return out.getvalue()


def _split_point(starts: list[float]) -> tuple[float, float] | None:
    """Where to break the time axis: the widest gap, when it takes most of the span and the
    events are split between both sides."""
    if len(starts) < 4:
        return None
    gaps = [(starts[i + 1] - starts[i], i) for i in range(len(starts) - 1)]
    gap, at = max(gaps)
    if gap < 0.6 * (starts[-1] - starts[0]):
        return None
    return starts[at], starts[at + 1]


def sources_chart(answer: SourcesAnswer) -> bytes:
    """One bar per outlet: its passages on the topic, coloured by slant so that who covers a
    story, and who leaves it out, shows at a glance. Outlets that say nothing are named too,
    with no bar. Colours go by outlet when no outlet records a slant."""
    plt = _pyplot()
    palette = plt.get_cmap("tab10")
    by_slant = any(o.slant for o in answer.outlets)
    unrecorded = slant_label("")
    groups = list(dict.fromkeys((o.slant or unrecorded) if by_slant else o.outlet
                                for o in answer.outlets))
    colours = _stable_colours(groups)
    names = [o.outlet for o in answer.outlets] + list(answer.not_covered_by)
    figure, axis = plt.subplots(figsize=(10, 1.4 + 0.6 * len(names)))
    most = max((o.passages for o in answer.outlets), default=1)
    for row, outlet in enumerate(answer.outlets):
        group = (outlet.slant or unrecorded) if by_slant else outlet.outlet
        axis.barh(row, outlet.passages, height=0.6, color=palette(colours[group]), label=group)
        counts = (trn("{n} passage", "{n} passages", outlet.passages) + " · "
                  + trn("{n} article", "{n} articles", len(outlet.doc_ids)))
        axis.text(outlet.passages + most * 0.01, row, counts, va="center", fontsize=9)
    for row in range(len(answer.outlets), len(names)):
        axis.text(most * 0.01, row, tr("not covered"), va="center", fontsize=9, color="grey",
                  style="italic")
    axis.set_yticks(range(len(names)), names)
    for label in axis.get_yticklabels()[len(answer.outlets):]:
        label.set_color("grey")
    axis.set_ylim(-0.7, len(names) - 0.3)
    axis.invert_yaxis()
    axis.set_xlim(0, most * 1.3)
    axis.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    axis.set_xlabel(tr("passages on the topic") if answer.query else tr("passages in the corpus"))
    axis.grid(axis="x", alpha=0.3)
    axis.spines[["top", "right"]].set_visible(False)
    handles, labels = axis.get_legend_handles_labels()
    unique = dict(zip(labels, handles, strict=True))
    axis.legend(unique.values(), [tr("slant: {name}", name=k) if by_slant
                                  else tr("outlet: {name}", name=k) for k in unique],
                loc="lower left", bbox_to_anchor=(0, 1.0), ncol=min(len(unique), 3),
                fontsize=9, frameon=False)
    title = (tr("Who covers “{query}”: passages per outlet", query=answer.query) if answer.query
             else tr("The corpus: passages per outlet"))
    figure.suptitle(title, fontsize=12, x=0.01, ha="left")
    return _png(figure)


def _stable_colours(labels: list[str]) -> dict[str, int]:
    """A tab10 colour index per label, from a hash of the label: a slant keeps its colour from
    one chart to the next whatever else is drawn (the next free colour on a clash)."""
    taken: dict[str, int] = {}
    for label in labels:
        colour = zlib.crc32(label.encode()) % 10
        while colour in taken.values() and len(taken) < 10:
            colour = (colour + 1) % 10
        taken[label] = colour
    return taken


_CHARTS: list[tuple[type[Any], Callable[[Any], bytes]]] = [
    (TimelineAnswer, timeline_chart),
    (SourcesAnswer, sources_chart),
]


def has_chart(answer: Answer) -> bool:
    """Whether this kind of answer can be drawn (and has something to draw)."""
    return any(isinstance(answer, kind) for kind, _ in _CHARTS) and bool(
        getattr(answer, "events", None) or getattr(answer, "outlets", None))


def chart_png(answer: Answer) -> bytes:
    """The answer's chart as PNG bytes; ChartsUnavailable without matplotlib."""
    for kind, draw in _CHARTS:
        if isinstance(answer, kind):
            with speaking(answer.language):  # its titles and labels in the reader's language
                return draw(answer)
    raise TypeError(f"no chart for {type(answer).__name__}")
