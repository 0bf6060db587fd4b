"""Render the Grafana dashboard's panels to one PNG, straight from Prometheus.

Grafana itself is not needed: every panel's own query (from dashboards/wirestreams.json) is run
on Prometheus' HTTP API and drawn with matplotlib in the dashboard's layout order. For a look at
the dashboard where Grafana is not installed (CI, a laptop without Docker).

    python deploy/grafana/render_snapshot.py --prometheus http://127.0.0.1:9090 \
        --minutes 10 --out /tmp/dashboard.png

Needs matplotlib (not a Wirestreams dependency: pip install matplotlib).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

DASHBOARD = Path(__file__).resolve().parent / "dashboards" / "wirestreams.json"


def api(base: str, path: str, **params: Any) -> Any:
    url = f"{base}/api/v1/{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=20) as response:
        body = json.loads(response.read())
    if body["status"] != "success":
        raise RuntimeError(body)
    return body["data"]["result"]


def prepare(expr: str, minutes: int) -> str:
    return (expr.replace("$__rate_interval", "1m").replace("$__range", f"{minutes}m")
            .replace("$__interval", "15s"))


def legend(fmt: str, labels: dict[str, str]) -> str:
    if not fmt:
        return ",".join(f"{k}={v}" for k, v in labels.items() if k != "__name__") or "value"
    return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda m: labels.get(m.group(1), ""), fmt)


def draw(ax: Any, panel: dict[str, Any], base: str, start: float, end: float, mins: int) -> None:
    ax.set_title(panel["title"], fontsize=9, loc="left")
    ax.tick_params(labelsize=7)
    unit = panel.get("fieldConfig", {}).get("defaults", {}).get("unit", "")
    kind = panel["type"]
    step = max(1.0, (end - start) / 120)
    if kind in ("timeseries", "heatmap"):
        series: list[tuple[str, list[float], list[float]]] = []
        for target in panel["targets"]:
            expr = prepare(target["expr"], mins)
            for r in api(base, "query_range", query=expr, start=start, end=end, step=step):
                xs = [(float(t) - end) / 60 for t, _ in r["values"]]
                ys = [float(v) for _, v in r["values"]]
                series.append((legend(target.get("legendFormat", ""), r["metric"]), xs, ys))
        if kind == "heatmap":
            draw_heatmap(ax, series)
            return
        for name, xs, ys in series:
            ax.plot(xs, [y if math.isfinite(y) else float("nan") for y in ys], label=name, lw=1.2)
        ax.set_xlabel("minutes ago", fontsize=7)
        if unit:
            ax.set_ylabel(unit, fontsize=7)
        if series:
            ax.legend(fontsize=6, loc="upper left")
        else:
            ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes)
        return
    points: list[tuple[str, float]] = []
    for target in panel["targets"]:
        for r in api(base, "query", query=prepare(target["expr"], mins), time=end):
            name = legend(target.get("legendFormat", ""), r["metric"])
            points.append((name, float(r["value"][1])))
    if kind == "stat":
        ax.axis("off")
        decimals = panel.get("fieldConfig", {}).get("defaults", {}).get("decimals")
        shown = [f"{v:.{decimals}f}" if decimals is not None else f"{v:g}" for _, v in points]
        text = ", ".join(n for n, _ in points) if panel["options"].get("textMode") == "name" \
            else ("  ".join(shown) or "no data")
        ax.text(0.5, 0.4, text, ha="center", va="center", fontsize=20, transform=ax.transAxes)
    elif kind == "piechart" and points:
        ax.pie([max(v, 0.0) for _, v in points], labels=[n for n, _ in points],
               autopct="%1.0f%%", textprops={"fontsize": 7})
    else:
        names = [n for n, _ in points]
        ax.barh(names, [v for _, v in points], color="tab:green")
        ax.tick_params(axis="y", labelsize=6)
        if unit:
            ax.set_xlabel(unit, fontsize=7)


def draw_heatmap(ax: Any, series: list[tuple[str, list[float], list[float]]]) -> None:
    """Cumulative ``le`` buckets -> per-bucket counts per time step, as an image."""
    if not series:
        ax.text(0.5, 0.5, "no data", ha="center", va="center", transform=ax.transAxes)
        return
    ordered = sorted(series, key=lambda s: float(s[0]))
    rows = []
    below = [0.0] * len(ordered[0][2])
    for _, _, ys in ordered:
        ys = [y if math.isfinite(y) else 0.0 for y in ys]
        rows.append([max(0.0, y - b) for y, b in zip(ys, below, strict=False)])
        below = ys
    xs = ordered[0][1]
    ax.imshow(rows, aspect="auto", origin="lower", cmap="Oranges",
              extent=(xs[0], xs[-1], 0, len(rows)))
    ax.set_yticks([i + 0.5 for i in range(len(rows))], [s[0] for s in ordered], fontsize=5)
    ax.set_ylabel("le (s)", fontsize=7)
    ax.set_xlabel("minutes ago", fontsize=7)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--prometheus", default="http://127.0.0.1:9090")
    parser.add_argument("--minutes", type=int, default=15)
    parser.add_argument("--out", default="dashboard.png")
    args = parser.parse_args()
    dash = json.loads(DASHBOARD.read_text())
    panels = [p for p in dash["panels"] if p["type"] != "row"]
    end = time.time()
    start = end - args.minutes * 60
    cols = 4
    rows = math.ceil(len(panels) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(cols * 5, rows * 3.2))
    for ax in axes.flat[len(panels):]:
        ax.axis("off")
    for ax, panel in zip(axes.flat, panels, strict=False):
        draw(ax, panel, args.prometheus, start, end, args.minutes)
    fig.suptitle(f"{dash['title']} (last {args.minutes} min, queries of "
                 f"{DASHBOARD.name} run on {args.prometheus})", fontsize=11)
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.savefig(args.out, dpi=90)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
