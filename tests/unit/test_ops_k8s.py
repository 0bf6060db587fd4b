"""The Kubernetes manifests: schema-valid offline, and consistent with each other and the worker."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml

from streams.stages.rules import RuleSet

K8S = Path(__file__).resolve().parents[2] / "deploy" / "k8s"
#: oldest and newest Kubernetes the validator ships schemas for (autoscaling/v2 is in both)
VERSIONS = ("1.25.0", kubernetes_validate.latest_version())


def documents(path: Path) -> list[dict[str, Any]]:
    return [d for d in yaml.safe_load_all(path.read_text()) if d]


def manifests() -> list[dict[str, Any]]:
    return [d for f in sorted(K8S.glob("*.yaml")) for d in documents(f)]


def kind(name: str) -> dict[str, Any]:
    found = [d for d in manifests() if d["kind"] == name]
    assert len(found) == 1, name
    return found[0]


def container() -> dict[str, Any]:
    c: dict[str, Any] = kind("Deployment")["spec"]["template"]["spec"]["containers"][0]
    return c


def env() -> dict[str, str]:
    return {e["name"]: e["value"] for e in container()["env"]}


@pytest.mark.parametrize("version", VERSIONS)
def test_every_manifest_validates_strictly_against_the_kubernetes_schemas(version: str) -> None:
    docs = manifests()
    assert {d["kind"] for d in docs} == {
        "Deployment", "Service", "HorizontalPodAutoscaler", "ConfigMap"
    }
    for doc in docs:
        kubernetes_validate.validate(doc, version, strict=True)


def test_the_validator_rejects_a_misplaced_field() -> None:
    bad = copy.deepcopy(kind("Deployment"))
    bad["spec"]["template"]["spec"]["containers"][0]["readinesProbe"] = {"path": "/healthz"}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(bad, VERSIONS[-1], strict=True)


def test_probes_ask_healthz_on_the_port_the_worker_serves() -> None:
    c = container()
    port = next(p for p in c["ports"] if p["name"] == "http")
    assert port["containerPort"] == int(env()["WIRESTREAMS_WEB_PORT"])
    assert env()["WIRESTREAMS_WEB_HOST"] == "0.0.0.0"
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert c[probe]["httpGet"] == {"path": "/healthz", "port": "http"}, probe
    assert set(c["resources"]) == {"requests", "limits"}
    assert {"cpu", "memory"} <= set(c["resources"]["requests"])


def test_prometheus_annotations_point_at_the_metrics_port() -> None:
    notes = kind("Deployment")["spec"]["template"]["metadata"]["annotations"]
    assert notes["prometheus.io/scrape"] == "true"
    assert notes["prometheus.io/port"] == env()["WIRESTREAMS_WEB_PORT"]
    assert notes["prometheus.io/path"] == "/metrics"


def test_service_selects_the_worker_pods() -> None:
    labels = kind("Deployment")["spec"]["template"]["metadata"]["labels"]
    selector = kind("Service")["spec"]["selector"]
    assert selector.items() <= labels.items()


def test_autoscaler_scales_the_deployment_on_lag_within_the_partition_count() -> None:
    hpa = kind("HorizontalPodAutoscaler")
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"]["name"] == kind("Deployment")["metadata"]["name"]
    metric = hpa["spec"]["metrics"][0]["external"]["metric"]
    assert metric["name"] == "wirestreams_consumer_lag"
    assert hpa["spec"]["maxReplicas"] <= int(env()["WIRESTREAMS_TAG_PARTITIONS"])


def test_the_rules_configmap_is_mounted_where_the_worker_reads_and_loads(tmp_path: Path) -> None:
    cm = kind("ConfigMap")
    volume = next(v for v in kind("Deployment")["spec"]["template"]["spec"]["volumes"]
                  if v.get("configMap"))
    assert volume["configMap"]["name"] == cm["metadata"]["name"]
    mount = next(m for m in container()["volumeMounts"] if m["name"] == volume["name"])
    key = env()["WIRESTREAMS_RULES_PATH"].removeprefix(mount["mountPath"] + "/")
    rules = tmp_path / "rules.yaml"
    rules.write_text(cm["data"][key])
    assert RuleSet.load(rules).routes


#: the fields of KEDA's ScaledObject these manifests use (no schema ships for the CRD)
SCALED_OBJECT = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "properties": {
        "apiVersion": {"const": "keda.sh/v1alpha1"},
        "kind": {"const": "ScaledObject"},
        "metadata": {"type": "object", "required": ["name"]},
        "spec": {
            "type": "object",
            "required": ["scaleTargetRef", "triggers"],
            "additionalProperties": False,
            "properties": {
                "scaleTargetRef": {"type": "object", "required": ["name"]},
                "minReplicaCount": {"type": "integer", "minimum": 0},
                "maxReplicaCount": {"type": "integer", "minimum": 1},
                "cooldownPeriod": {"type": "integer"},
                "triggers": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["type", "metadata"],
                        "properties": {
                            "type": {"const": "kafka"},
                            "metadata": {
                                "type": "object",
                                "required": ["bootstrapServers", "consumerGroup", "topic",
                                             "lagThreshold"],
                                "additionalProperties": {"type": "string"},
                            },
                        },
                    },
                },
            },
        },
    },
}


def test_keda_alternative_targets_the_same_group_and_deployment() -> None:
    (scaled,) = documents(K8S / "scaling" / "keda-scaledobject.yaml")
    jsonschema.validate(scaled, SCALED_OBJECT)
    trigger = scaled["spec"]["triggers"][0]["metadata"]
    assert trigger["consumerGroup"] == env()["WIRESTREAMS_APP_ID"]
    assert trigger["bootstrapServers"] == env()["WIRESTREAMS_BOOTSTRAP"]
    assert scaled["spec"]["scaleTargetRef"]["name"] == kind("Deployment")["metadata"]["name"]
    assert scaled["spec"]["maxReplicaCount"] <= int(env()["WIRESTREAMS_TAG_PARTITIONS"])


def test_adapter_serves_the_metric_the_autoscaler_asks_for() -> None:
    values = yaml.safe_load((K8S / "scaling" / "prometheus-adapter-values.yaml").read_text())
    (rule,) = values["rules"]["external"]
    metric = kind("HorizontalPodAutoscaler")["spec"]["metrics"][0]["external"]["metric"]
    assert rule["name"]["as"] == metric["name"]
    assert rule["seriesQuery"].startswith(metric["name"] + "{")
    assert "topic" in rule["metricsQuery"]
