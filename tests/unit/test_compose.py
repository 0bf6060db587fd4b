"""docker-compose.yml stays valid and true to the local setup (no Docker engine here)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


def test_docker_compose_config_is_valid() -> None:
    tool = shutil.which("docker-compose")
    if tool is None:
        pytest.fail("docker-compose is missing: run deploy/install-tools.sh (make tools)")
    done = subprocess.run(
        [tool, "-f", "docker-compose.yml", "config", "-q"], cwd=REPO, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()


def test_compose_runs_the_kafka_version_pinned_for_the_local_broker() -> None:
    pom = (REPO / "deploy" / "kafka" / "pom.xml").read_text()
    pinned = re.search(r"<kafka.version>([^<]+)</kafka.version>", pom)
    assert pinned
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    assert compose["services"]["kafka"]["image"] == f"apache/kafka:{pinned.group(1)}"
    for worker in WORKERS:
        assert compose["services"][worker]["environment"]["WIRESTREAMS_BOOTSTRAP"] == "kafka:9092"


WORKERS = ("worker-1", "worker-2")


def services() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())["services"]
    return data


def test_two_workers_share_one_consumer_group_on_different_host_ports() -> None:
    svc = services()
    envs = [svc[w]["environment"] for w in WORKERS]
    assert envs[0]["WIRESTREAMS_APP_ID"] == envs[1]["WIRESTREAMS_APP_ID"]
    assert envs[0]["WIRESTREAMS_WEB_HOST"] == "0.0.0.0"
    host_ports = [svc[w]["ports"][0].split(":")[0] for w in WORKERS]
    assert len(set(host_ports)) == 2
    volumes = [svc[w]["volumes"][0].split(":")[0] for w in WORKERS]
    assert len(set(volumes)) == 2, "each worker keeps its own state directory"
    # the tagger's topic needs a partition per worker, or one of them idles
    assert int(envs[0]["WIRESTREAMS_TAG_PARTITIONS"]) >= len(WORKERS)


def test_prometheus_scrapes_both_workers_and_loads_the_alert_rules() -> None:
    svc = services()["prometheus"]
    # "./source:/target:ro" -> target: source
    by_target = {v.split(":")[1]: v.split(":")[0] for v in svc["volumes"]}
    config_file = REPO / by_target["/etc/prometheus/prometheus.yml"]
    config = yaml.safe_load(config_file.read_text())
    targets = config["scrape_configs"][0]["static_configs"][0]["targets"]
    web_port = services()["worker-1"]["environment"]["WIRESTREAMS_WEB_PORT"]
    assert sorted(targets) == sorted(f"{w}:{web_port}" for w in WORKERS)
    for rule_file in config["rule_files"]:
        assert f"/etc/prometheus/{rule_file}" in by_target, f"{rule_file} is not mounted"
        assert (REPO / by_target[f"/etc/prometheus/{rule_file}"]).is_file()


def test_grafana_gets_the_provisioning_and_the_dashboards() -> None:
    svc = services()["grafana"]
    assert svc["image"].startswith("grafana/grafana:")
    sources = {v.split(":")[1]: v.split(":")[0] for v in svc["volumes"]}
    assert (REPO / sources["/etc/grafana/provisioning"] / "datasources").is_dir()
    assert any((REPO / sources["/var/lib/grafana/dashboards"]).glob("*.json"))
