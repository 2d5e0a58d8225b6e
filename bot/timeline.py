"""A run's timeline as a picture (PNG, matplotlib) and as text (the console).

One row per task (and per executor thread): bars where it ran on the loop, a
lighter band while it waited (labelled with what it awaited), markers for
created / done / cancelled / raised, and the loop's blocked periods across all
rows with their cause. Colours are the Okabe-Ito palette, told apart with
colour blindness of every common kind; both themes keep text and bars readable
at Discord's preview size.

matplotlib: the well-kept standard for static charts, with `broken_barh` made
for exactly this (spans on rows); it renders headless (Agg), with no browser or
display. It is imported on first use, and rendering runs off the event loop.
"""

from __future__ import annotations

import io
from typing import Any

# Okabe & Ito (2008), "Color Universal Design".
BLUE, SKY, GREEN, ORANGE, VERMILLION, PURPLE = (
    "#0072B2",
    "#56B4E9",
    "#009E73",
    "#E69F00",
    "#D55E00",
    "#CC79A7",
)
THEMES = {
    "dark": {"background": "#2B2D31", "text": "#F2F3F5", "grid": "#4E5058"},
    "light": {"background": "#FFFFFF", "text": "#1E1F22", "grid": "#D0D3D8"},
}
OUTCOME_MARKERS = {"done": ("|", GREEN), "cancelled": ("x", ORANGE), "raised": ("X", VERMILLION)}
MAX_ROWS = 30


def rows(timeline: dict[str, Any]) -> list[dict[str, Any]]:
    """What each row shows: tasks first (in creation order), then threads."""
    by_id: dict[int, dict[str, Any]] = {}
    for task in timeline["tasks"]:
        label = (
            task["name"]
            if task["coro"] in ("", task["name"])
            else f"{task['name']} {task['coro']}()"
        )
        by_id[task["id"]] = {
            "label": label,
            "ran": [],
            "waited": [],
            "created": task["created_ms"],
            "ended": task["ended_ms"],
            "outcome": task["outcome"],
        }
    for number, start, end in timeline["slices"]:
        if number in by_id:
            by_id[number]["ran"].append((start, end))
    for number, start, end, label in timeline["waits"]:
        if number in by_id:
            by_id[number]["waited"].append((start, end, label))
    found = list(by_id.values())
    for item in timeline["threads"]:
        found.append(
            {
                "label": item["name"],
                "ran": [(item["start_ms"], item["end_ms"])],
                "waited": [],
                "created": item["start_ms"],
                "ended": item["end_ms"],
                "outcome": "thread",
            }
        )
    return found[:MAX_ROWS]


def render_png(timeline: dict[str, Any], theme: str = "dark") -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    colours = THEMES[theme]
    shown = rows(timeline)
    end = max(timeline["end_ms"], 1.0)
    figure = Figure(figsize=(8, 1.4 + 0.42 * max(len(shown), 1)), dpi=100)
    figure.patch.set_facecolor(colours["background"])
    axes = figure.add_subplot()
    axes.set_facecolor(colours["background"])
    for y, row in enumerate(shown):
        waited = [(s, e - s) for s, e, _ in row["waited"]]
        axes.broken_barh(waited, (y - 0.18, 0.36), facecolors=SKY, alpha=0.35)
        for start, stop, label in row["waited"]:
            if (stop - start) / end > 0.12:
                axes.text(
                    (start + stop) / 2,
                    y,
                    label,
                    ha="center",
                    va="center",
                    fontsize=8,
                    color=colours["text"],
                )
        ran_colour = GREEN if row["outcome"] == "thread" else BLUE
        spans = [(s, max(e - s, end / 800)) for s, e in row["ran"]]
        axes.broken_barh(spans, (y - 0.32, 0.64), facecolors=ran_colour)
        axes.plot([row["created"]], [y], marker="o", color=colours["text"], markersize=4)
        marker = OUTCOME_MARKERS.get(row["outcome"])
        if marker and row["ended"] is not None:
            axes.plot(
                [row["ended"]],
                [y],
                marker=marker[0],
                color=marker[1],
                markersize=9,
                markeredgewidth=2,
            )
    for blocked in timeline["blocked"]:
        axes.axvspan(blocked["start_ms"], blocked["end_ms"], color=VERMILLION, alpha=0.25, lw=0)
        axes.text(
            blocked["start_ms"],
            len(shown) - 0.35,
            blocked["cause"],
            fontsize=8,
            color=VERMILLION,
            va="bottom",
        )
    axes.set_yticks(range(len(shown)), [row["label"][:32] for row in shown])
    axes.set_ylim(len(shown) - 0.2 + (0.5 if timeline["blocked"] else 0), -0.7)
    axes.set_xlim(0, end * 1.02)
    clock = "virtual time" if timeline["clock"] == "virtual" else "real time"
    note = ", truncated" if timeline["truncated"] else ""
    axes.set_xlabel(f"milliseconds since the snippet started ({clock}{note})")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors=colours["grid"], labelcolor=colours["text"])
    axes.xaxis.label.set_color(colours["text"])
    for side in ("left", "bottom"):
        axes.spines[side].set_color(colours["grid"])
    axes.grid(axis="x", color=colours["grid"], linewidth=0.5)
    axes.set_axisbelow(True)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor=colours["background"])
    return buffer.getvalue()


def render_text(timeline: dict[str, Any], width: int = 48) -> str:
    """The same chart in characters: █ ran, ─ waited, ▒ the loop was blocked."""
    shown = rows(timeline)
    end = max(timeline["end_ms"], 1.0)

    def column(ms: float) -> int:
        return min(width - 1, int(ms / end * width))

    label_width = min(24, max((len(r["label"]) for r in shown), default=4))
    lines = []
    for row in shown:
        cells = [" "] * width
        for start, stop, _ in row["waited"]:
            for c in range(column(start), column(stop) + 1):
                cells[c] = "─"
        for start, stop in row["ran"]:
            for c in range(column(start), column(stop) + 1):
                cells[c] = "█"
        symbol = {"done": "✓", "cancelled": "×", "raised": "!", "thread": "", "pending": "…"}
        lines.append(
            f"{row['label'][:label_width]:<{label_width}} │{''.join(cells)}│ "
            f"{symbol.get(row['outcome'], '')}"
        )
    if timeline["blocked"]:
        cells = [" "] * width
        for blocked in timeline["blocked"]:
            for c in range(column(blocked["start_ms"]), column(blocked["end_ms"]) + 1):
                cells[c] = "▒"
        lines.append(f"{'loop blocked':<{label_width}} │{''.join(cells)}│")
    clock = "virtual" if timeline["clock"] == "virtual" else "real"
    axis = f"{'':<{label_width}}  0 ms{f'{end:,.0f} ms ({clock} time)':>{width - 4}}"
    lines.append(axis)
    lines.append("█ ran on the loop  ─ waited  ▒ loop blocked  ✓ done  × cancelled  ! raised")
    lines.extend(f"▒ {b['cause']}" for b in timeline["blocked"])
    if timeline["truncated"]:
        lines.append("(timeline truncated: the run did more than it can hold)")
    return "\n".join(lines)
