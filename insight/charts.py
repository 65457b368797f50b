"""Bar charts drawn on the server as inline SVG (no JavaScript, nothing fetched).

Each chart comes with the same figures as a table, which the template shows beside it for
screen readers and anyone who prefers numbers; the SVG itself is one labelled image.
"""

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 200
MARGIN_LEFT = 40
MARGIN_BOTTOM = 28
MARGIN_TOP = 12


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int
    show_label: bool

    @property
    def label_x(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass
class BarChart:
    title: str
    bars: list[Bar]
    ticks: list[tuple[float, int]]  # (y, value) for the value axis
    width: int = WIDTH
    height: int = HEIGHT
    axis_x: int = MARGIN_LEFT
    axis_y: int = HEIGHT - MARGIN_BOTTOM
    label_y: int = HEIGHT - 8


def _nice_top(largest: int) -> int:
    if largest <= 4:
        return 4
    step = 1
    while largest > step * 10:
        step *= 10
    for multiple in (1, 2, 2.5, 5, 10):
        top = int(step * multiple)
        if top >= largest and top % 4 == 0:
            return top
    return largest + (4 - largest % 4) % 4


def bar_chart(title: str, series: list[tuple], label=lambda day: f"{day:%-d %b}") -> BarChart:
    """A chart of `series`, [(date, value), ...], one bar each."""
    top = _nice_top(max((value for _, value in series), default=0))
    plot_width = WIDTH - MARGIN_LEFT - 8
    plot_height = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    slot = plot_width / max(len(series), 1)
    every = max(1, round(len(series) / 8))  # at most about eight labels on the axis
    bars = []
    for index, (day, value) in enumerate(series):
        height = plot_height * value / top
        bars.append(
            Bar(
                x=round(MARGIN_LEFT + index * slot + slot * 0.15, 1),
                y=round(HEIGHT - MARGIN_BOTTOM - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                label=label(day),
                value=value,
                show_label=index % every == 0,
            )
        )
    ticks = [
        (round(HEIGHT - MARGIN_BOTTOM - plot_height * step / 4, 1), top * step // 4)
        for step in range(5)
    ]
    return BarChart(title=title, bars=bars, ticks=ticks)
