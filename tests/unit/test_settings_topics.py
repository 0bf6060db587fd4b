"""Settings come from the environment; topic names and specs follow them."""

from __future__ import annotations

import pytest

from streams.settings import Settings
from streams.topics import TopicNames, topic_specs


def test_settings_read_typed_values_from_the_environment() -> None:
    s = Settings.from_env(
        {"WIRESTREAMS_TOPIC_PREFIX": "t1.", "WIRESTREAMS_WEB_PORT": "7001",
         "WIRESTREAMS_DEDUP_RETENTION_HOURS": "1.5", "UNRELATED": "x"}
    )
    assert s.topic_prefix == "t1." and s.web_port == 7001
    assert s.dedup_retention_seconds == 5400.0


def test_a_malformed_number_names_its_variable() -> None:
    with pytest.raises(ValueError, match="WIRESTREAMS_WEB_PORT"):
        Settings.from_env({"WIRESTREAMS_WEB_PORT": "sixty"})


def test_broker_url_lists_every_bootstrap_server() -> None:
    s = Settings(bootstrap="a:1, b:2")
    assert s.broker_url == "kafka://a:1;kafka://b:2"


def test_default_rules_file_ships_with_the_package() -> None:
    assert Settings().rules_file.is_file()


def test_topic_names_apply_the_prefix_and_reject_bad_route_names() -> None:
    names = TopicNames("it-7.")
    assert names.raw == "it-7.wire.raw"
    assert names.out("world-asia") == "it-7.wire.out.world-asia"
    assert names.route_of("it-7.wire.out.sports") == "sports"
    assert names.route_of("it-7.wire.dlq") is None
    with pytest.raises(ValueError):
        names.out("World Asia")


def test_output_topics_are_compacted_and_dedup_input_has_one_partition() -> None:
    specs = {s.name: s for s in topic_specs(Settings(), ["politics", "unrouted"])}
    assert specs["wire.out.politics"].config["cleanup.policy"] == "compact"
    assert specs["wire.duplicates"].config["cleanup.policy"] == "compact"
    assert specs["wire.clean"].partitions == 1
    assert specs["wire.unique"].partitions >= 2
    assert {"wire.raw", "wire.tagged", "wire.dlq", "wire.out.unrouted"} <= set(specs)
