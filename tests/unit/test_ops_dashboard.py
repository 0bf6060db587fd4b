"""The Grafana dashboard and the alert rules ask only for series a worker exports.

The helpers here (queries of the dashboard and the alerts, the metric and label names they use,
what an exposition holds) are shared with the live checks in tests/integration/test_ops_live.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from prometheus_client.parser import text_string_to_metric_families

from streams.lag import PartitionLag
from streams.metrics import Metrics

REPO = Path(__file__).resolve().parents[2]
GRAFANA = REPO / "deploy" / "grafana"
DASHBOARD = GRAFANA / "dashboards" / "wirestreams.json"
ALERTS = REPO / "deploy" / "prometheus" / "alerts.yml"

#: what Grafana substitutes before sending a query, for running them on Prometheus directly
GRAFANA_VARIABLES = {"$__rate_interval": "1m", "$__range": "10m", "$__interval": "15s"}

METRIC = re.compile(r"\b(wirestreams_[a-zA-Z0-9_]+|up)\b(?=\s*[{\[)\s]|$)")
GROUPING = re.compile(r"\b(?:by|without)\s*\(([^)]*)\)")
MATCHER = re.compile(r"([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)\s*\"")
#: labels Prometheus itself adds at scrape time, or that histograms carry
PROMETHEUS_LABELS = {"job", "instance", "le"}


def dashboard() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DASHBOARD.read_text())
    return data


def panels(dash: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for p in dash["panels"]:
        found.append(p)
        found += p.get("panels", [])
    return found


def panel_queries() -> list[tuple[str, str]]:
    """(panel title, PromQL) for every query of every panel."""
    return [(p["title"], t["expr"]) for p in panels(dashboard()) for t in p.get("targets", [])]


def alert_queries() -> list[tuple[str, str]]:
    rules = yaml.safe_load(ALERTS.read_text())
    return [(r["alert"], r["expr"]) for g in rules["groups"] for r in g["rules"]]


def for_prometheus(expr: str, window: str = "") -> str:
    """``expr`` as Grafana sends it; ``window`` overrides the rate and range windows."""
    for var, value in GRAFANA_VARIABLES.items():
        expr = expr.replace(var, window if window and var != "$__interval" else value)
    return expr


def metric_names(expr: str) -> set[str]:
    return set(METRIC.findall(expr))


def label_names(expr: str) -> set[str]:
    labels = {name.strip() for group in GROUPING.findall(expr) for name in group.split(",")}
    labels |= set(MATCHER.findall(expr))
    return {name for name in labels if name} - PROMETHEUS_LABELS


def exposed(text: str) -> dict[str, set[str]]:
    """Sample name -> the label names it carries, from an exposition text."""
    names: dict[str, set[str]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            names.setdefault(sample.name, set()).update(sample.labels)
    return names


def unknown_names(queries: list[tuple[str, str]], text: str) -> list[str]:
    """Every metric or label a query uses that the exposition ``text`` lacks (``up`` excepted)."""
    have = exposed(text)
    problems: list[str] = []
    for title, expr in queries:
        metrics = metric_names(expr) - {"up"}
        for name in sorted(metrics - set(have)):
            problems.append(f"{title}: metric {name} is not exported")
        carried = set().union(*(have.get(m, set()) for m in metrics)) if metrics else set()
        for label in sorted(label_names(expr) - carried):
            if metrics:
                problems.append(f"{title}: label {label} is on none of {sorted(metrics)}")
    return problems


def exercised_exposition() -> str:
    """A worker's metrics after it has seen one of everything (labelled series exist)."""
    m = Metrics()
    m.messages_in.labels(stage="clean").inc()
    m.messages_out.labels(stage="dedup", outcome="new").inc()
    m.dead_letters.labels(stage="clean", reason="parse_error").inc()
    m.end_to_end_latency.labels(route="politics").observe(0.5)
    m.dedup_verdicts.labels(verdict="duplicate").inc()
    m.routed.labels(route="politics").inc()
    m.feeds.seen("ap")
    m.set_rules_version("1")
    m.set_lag([PartitionLag("wire.raw", 0, 3, 1, 2)])
    return m.exposition().decode()


def test_every_panel_and_alert_query_uses_exported_metrics_and_labels() -> None:
    queries = panel_queries() + alert_queries()
    assert len(queries) >= 20
    assert unknown_names(queries, exercised_exposition()) == []


def test_the_name_check_catches_a_misspelt_metric_and_a_missing_label() -> None:
    bad = [
        ("typo", "sum(rate(wirestreams_mesages_in_total[5m]))"),
        ("label", "sum by (colour) (wirestreams_routed_articles_total)"),
    ]
    problems = unknown_names(bad, exercised_exposition())
    assert any("wirestreams_mesages_in_total" in p for p in problems)
    assert any("label colour" in p for p in problems)


def test_the_dashboard_covers_what_ops_asked_for() -> None:
    titles = " | ".join(t.lower() for t, _ in panel_queries())
    exprs = " ".join(e for _, e in panel_queries())
    for needle in ("per stage", "stage latency", "end-to-end", "heatmap", "lag", "verdict",
                   "route", "dead letters", "freshness"):
        assert needle in titles, needle
    assert "histogram_quantile(0.5" in exprs and "histogram_quantile(0.99" in exprs
    heatmaps = [p for p in panels(dashboard()) if p["type"] == "heatmap"]
    assert len(heatmaps) == 2
    assert all(t.get("format") == "heatmap" for p in heatmaps for t in p["targets"])


def test_every_panel_uses_the_provisioned_datasource() -> None:
    provisioned = yaml.safe_load((GRAFANA / "provisioning/datasources/prometheus.yml").read_text())
    uid = provisioned["datasources"][0]["uid"]
    for p in panels(dashboard()):
        if p["type"] == "row":
            continue
        assert p["datasource"]["uid"] == uid, p["title"]
        assert all(t["datasource"]["uid"] == uid for t in p["targets"]), p["title"]


def test_panels_have_unique_ids_and_do_not_overlap() -> None:
    ps = panels(dashboard())
    assert len({p["id"] for p in ps}) == len(ps)
    cells: set[tuple[int, int]] = set()
    for p in ps:
        g = p["gridPos"]
        assert g["x"] + g["w"] <= 24, p["title"]
        xs, ys = range(g["x"], g["x"] + g["w"]), range(g["y"], g["y"] + g["h"])
        mine = {(x, y) for x in xs for y in ys}
        assert not mine & cells, f"{p['title']} overlaps another panel"
        cells |= mine


def test_dashboard_provider_points_where_compose_mounts_the_dashboards() -> None:
    provider = yaml.safe_load((GRAFANA / "provisioning/dashboards/wirestreams.yml").read_text())
    path = provider["providers"][0]["options"]["path"]
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    mounts = compose["services"]["grafana"]["volumes"]
    assert f"./deploy/grafana/dashboards:{path}:ro" in mounts
