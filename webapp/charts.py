"""Server-rendered SVG charts of a mandate over time: troop and police ceilings, and the
length of each mandate period. Geometry only; templates/_chart.html draws it."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from models.mandates import MandateStep as MandatePoint

WIDTH, HEIGHT = 600, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 34


@dataclass
class Series:
    name: str
    css: str
    points: list[tuple[float, float, str]] = field(default_factory=list)  # x, y, label

    @property
    def path(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in self.points)


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass
class Chart:
    title: str
    width: int = WIDTH
    height: int = HEIGHT
    series: list[Series] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    empty: bool = True
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM


def mandate_months(point: MandatePoint, before: MandatePoint | None = None) -> int | None:
    """The period a resolution sets: as stated ("for a period of twelve months"), else
    from the previous mandate's end to this end, in whole months. Where the adoption
    comes after the previous known end (a renewal missing from the archive), the period
    runs from the adoption instead."""
    if point.period_months:
        return point.period_months
    end = point.mandate_end
    starts = [d for d in (before.mandate_end if before else None, point.adopted_on) if d]
    start = max(starts) if starts else None
    if end and start and end > start:
        months = (end.year - start.year) * 12 + end.month - start.month + (1 if end.day - start.day > 15 else 0)
        return max(months, 1)
    return None


def _day(point: MandatePoint) -> date:
    return point.approximate_date


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    step = 10 ** (len(str(int(value))) - 1)
    return ((int(value) // step) + 1) * step


def _x_scale(points: list[MandatePoint]):
    days = [_day(p).toordinal() for p in points]
    lo, hi = min(days), max(days)
    span = max(hi - lo, 1)
    inner = WIDTH - LEFT - RIGHT - 24

    def x(point: MandatePoint) -> float:
        return LEFT + 12 + (_day(point).toordinal() - lo) / span * inner if hi > lo else LEFT + (WIDTH - LEFT - RIGHT) / 2

    years = sorted({_day(p).year for p in points})
    step = max(1, len(range(years[0], years[-1] + 1)) // 8)
    ticks = []
    for year in range(years[0], years[-1] + 1, step):
        ordinal = date(year, 1, 1).toordinal()
        if lo <= ordinal <= hi:
            ticks.append((LEFT + 12 + (ordinal - lo) / span * inner, str(year)))
    if not ticks:
        ticks = [(x(points[0]), str(years[0]))]
    return x, ticks


def _y_scale(top_value: float):
    plot = HEIGHT - TOP - BOTTOM
    maximum = _nice_max(top_value)

    def y(value: float) -> float:
        return HEIGHT - BOTTOM - value / maximum * plot

    ticks = [(y(maximum * k / 4), f"{int(maximum * k / 4):,}") for k in range(5)]
    return y, ticks


def ceilings_chart(points: list[MandatePoint]) -> Chart:
    chart = Chart("Authorized personnel ceilings")
    with_values = [p for p in points if p.troop_ceiling or p.police_ceiling]
    if not with_values:
        return chart
    x, chart.x_ticks = _x_scale(points)
    y, chart.y_ticks = _y_scale(max((p.troop_ceiling or 0) for p in with_values) or max(p.police_ceiling or 0 for p in with_values))
    for name, css, attr in (("troops", "troops", "troop_ceiling"), ("police", "police", "police_ceiling")):
        series = Series(name, css)
        for p in points:
            value = getattr(p, attr)
            if value:
                series.points.append((x(p), y(value), f"{p.document.symbol}: {value:,} {name}"))
        if series.points:
            chart.series.append(series)
    chart.empty = False
    return chart


def length_chart(points: list[MandatePoint], gaps: list[dict] | None = None) -> Chart:
    """One bar per resolution; a resolution preceded by renewals missing from the archive
    is measured from its adoption, never across the gap."""
    chart = Chart("Mandate length (months)")
    after_gap = {g["before"] for g in gaps or [] if g.get("after")}
    months = [(p, mandate_months(p, points[i - 1] if i and p.symbol not in after_gap else None))
              for i, p in enumerate(points)]
    if not any(m for _, m in months):
        return chart
    x, chart.x_ticks = _x_scale(points)
    y, chart.y_ticks = _y_scale(max(m or 0 for _, m in months))
    width = max(6.0, min(28.0, (WIDTH - LEFT - RIGHT) / max(len(points), 1) * 0.6))
    for p, m in months:
        if m:
            top = y(m)
            chart.bars.append(Bar(x(p) - width / 2, top, width, HEIGHT - BOTTOM - top, f"{p.document.symbol}: {m} months"))
    chart.empty = False
    return chart
