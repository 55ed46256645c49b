"""Vega-Lite specifications for the pages (built here, rendered by static/kiebitz.js via vega-embed)."""

from __future__ import annotations

from typing import Any

from .queries import quad_classes

SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
WORLD = "/static/vendor/world-110m.json"  # bundled: the page works offline

QUADS = ["verbal cooperation", "material cooperation", "verbal conflict", "material conflict", "other"]
QUAD_COLOURS = ["#7fbf7b", "#1b7837", "#f4a582", "#b2182b", "#999999"]
_QUAD_SCALE = {"domain": QUADS, "range": QUAD_COLOURS}


def _base(width: int | str = "container", height: int = 220) -> dict[str, Any]:
    return {"$schema": SCHEMA, "width": width, "height": height, "autosize": {"type": "fit", "contains": "padding"},
            "config": {"font": "system-ui, sans-serif", "view": {"stroke": None}}}


def articles_per_month(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Bars: articles per month."""
    return {**_base(height=160), "data": {"values": rows}, "mark": {"type": "bar", "color": "#4c78a8"},
            "encoding": {"x": {"field": "month", "type": "ordinal", "title": None},
                         "y": {"field": "articles", "type": "quantitative", "title": "articles"},
                         "tooltip": [{"field": "month"}, {"field": "articles"}]}}


def events_per_month(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Stacked bars: events per month by quad class, each bar linked to the event search."""
    values = [{**r, "url": f"/events?type={r['type']}&since={r['month']}&until={r['month']}"} for r in rows]
    return {**_base(height=180), "data": {"values": values}, "mark": {"type": "bar", "cursor": "pointer"},
            "encoding": {"x": {"field": "month", "type": "ordinal", "title": None},
                         "y": {"aggregate": "sum", "field": "events", "type": "quantitative", "title": "events"},
                         "color": {"field": "quad", "type": "nominal", "scale": _QUAD_SCALE, "title": "PLOVER quad"},
                         "href": {"field": "url"},
                         "tooltip": [{"field": "month"}, {"field": "type"}, {"field": "quad"},
                                     {"field": "events", "aggregate": "sum"}]}}


def dyad_timeline(
    series: list[dict[str, Any]], a_name: str, b_name: str, links: dict[str, str], by: str,
) -> dict[str, Any]:
    """Mirrored stacked bars per period: A -> B above the axis, B -> A below, coloured by quad class;
    a bar opens its events."""
    label = {"a_to_b": f"{a_name} → {b_name}", "b_to_a": f"{b_name} → {a_name}"}
    per_quad: dict[tuple[str, str, str], int] = {}  # one bar segment per quad class keeps the page small
    for s in series:
        k = (s["period"], s["direction"], s["quad"])
        per_quad[k] = per_quad.get(k, 0) + s["events"]
    values = [{"period": p, "dir": label[d], "quad": q, "events": n, "signed": n if d == "a_to_b" else -n,
               "url": links[d] + f"&since={p[:7] if by == 'month' else p}&until={p[:7] if by == 'month' else _week_end(p)}"}
              for (p, d, q), n in sorted(per_quad.items())]
    if values:  # an empty period either side, so that one period is not one bar across the chart
        first, last = min(v["period"] for v in values), max(v["period"] for v in values)
        values += [{"period": p, "signed": 0, "events": 0, "quad": "other", "dir": "", "url": ""}
                   for p in (_shift(first, by, -1), _shift(last, by, 1))]
    unit = "yearmonth" if by == "month" else "yearweek"
    return {**_base(height=260), "data": {"values": values}, "mark": {"type": "bar", "cursor": "pointer"},
            "encoding": {
                "x": {"field": "period", "type": "temporal", "timeUnit": unit, "title": None},
                "y": {"aggregate": "sum", "field": "signed", "type": "quantitative",
                      "title": f"↓ {label['b_to_a']}   ·   {label['a_to_b']} ↑"},
                "color": {"field": "quad", "type": "nominal", "scale": _QUAD_SCALE, "title": "PLOVER quad"},
                "href": {"field": "url"},
                "tooltip": [{"field": "period", "type": "temporal", "timeUnit": unit}, {"field": "dir"},
                            {"field": "quad"}, {"field": "events", "aggregate": "sum"}]}}


def _shift(period: str, by: str, step: int) -> str:
    """The period `step` weeks or months away (periods are ISO dates: a Monday or a month's first)."""
    import datetime as dt

    day = dt.date.fromisoformat(period)
    if by == "week":
        return (day + dt.timedelta(weeks=step)).isoformat()
    month = day.year * 12 + day.month - 1 + step
    return dt.date(month // 12, month % 12 + 1, 1).isoformat()


def _week_end(monday: str) -> str:
    import datetime as dt

    return (dt.date.fromisoformat(monday) + dt.timedelta(days=6)).isoformat()


def event_points(events: list[dict[str, Any]]) -> dict[str, Any]:
    """One point per event (date x type), each linked to its evidence in the article."""
    order = list(quad_classes())
    values = [{"date": e["date"] or e["published"], "type": e["type"], "quad": e["quad"],
               "trigger": e.get("trigger") or "", "title": e.get("title") or "",
               "url": f"/article/{e['article_id']}#event-{e['id'].split(':', 1)[-1]}"}
              for e in events if (e["date"] or e["published"])]
    return {**_base(height=260), "data": {"values": values},
            "mark": {"type": "point", "filled": True, "size": 80, "cursor": "pointer"},
            "encoding": {"x": {"field": "date", "type": "temporal", "title": None},
                         "y": {"field": "type", "type": "nominal", "sort": order, "title": None},
                         "color": {"field": "quad", "type": "nominal", "scale": _QUAD_SCALE, "legend": None},
                         "href": {"field": "url"},
                         "tooltip": [{"field": "date"}, {"field": "type"}, {"field": "trigger"},
                                     {"field": "title"}]}}


def event_map(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Event locations on a bundled world map; None when no event has coordinates."""
    points = [{"lat": e["lat"], "lon": e["lon"], "place": e.get("location_name") or "", "type": e["type"],
               "quad": e["quad"], "url": f"/article/{e['article_id']}#event-{e['id'].split(':', 1)[-1]}"}
              for e in events if e.get("lat") is not None and e.get("lon") is not None]
    if not points:
        return None
    return {**_base(height=300), "projection": {"type": "equalEarth"},
            "layer": [
                {"data": {"url": WORLD, "format": {"type": "topojson", "feature": "countries"}},
                 "mark": {"type": "geoshape", "fill": "#e8e8e8", "stroke": "#fff", "strokeWidth": 0.5}},
                {"data": {"values": points}, "mark": {"type": "circle", "size": 90, "opacity": 0.85,
                                                      "cursor": "pointer"},
                 "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                              "latitude": {"field": "lat", "type": "quantitative"},
                              "color": {"field": "quad", "type": "nominal", "scale": _QUAD_SCALE, "legend": None},
                              "href": {"field": "url"},
                              "tooltip": [{"field": "place"}, {"field": "type"}]}},
            ]}
