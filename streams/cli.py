"""The ``wirestreams`` command: worker, ingest, process, tail, topics, rules, kafka, demo."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import orjson

from streams.settings import Settings

#: Kafka's default message.max.bytes (about 1 MiB) bounds what one raw item can carry; an item
#: over it can reach neither wire.raw nor wire.dlq, so ingest refuses it by name instead
BROKER_MESSAGE_BYTES = 1_048_588 - 1024


def _formats() -> list[str]:
    from streams.formats.detect import FORMATS

    return ["auto", *FORMATS]


def cmd_worker(settings: Settings, args: argparse.Namespace) -> int:
    """Create the topics, then run the Faust worker until it is stopped."""
    import faust

    from streams.app import create_app
    from streams.kafka_admin import ensure_topics
    from streams.topics import topic_specs

    app, ctx = create_app(settings)
    created = asyncio.run(
        ensure_topics(settings.bootstrap, topic_specs(settings, ctx.stages.rules.routes))
    )
    if created:
        logging.getLogger("wirestreams").info("created topics: %s", ", ".join(created))
    worker = faust.Worker(app, loglevel=settings.log_level.lower(), redirect_stdouts=False)
    worker.execute_from_commandline()
    return 0


def cmd_ingest(settings: Settings, args: argparse.Namespace) -> int:
    from streams.article import RawItem
    from streams.ingest import read_items
    from streams.kafka_admin import ensure_topics
    from streams.kafka_io import produce_raw
    from streams.topics import TopicNames, topic_specs

    items: list[RawItem] = []
    refused: list[RawItem] = []
    for item in read_items(args.paths, feed=args.feed, format_hint=args.format):
        (refused if len(item.to_json()) > BROKER_MESSAGE_BYTES else items).append(item)
    for item in refused:
        print(f"refused {item.path or item.id}: {len(item.payload)} bytes is over the broker's "
              f"message limit ({BROKER_MESSAGE_BYTES} bytes); not ingested", file=sys.stderr)
    topic = TopicNames(settings.topic_prefix).raw
    asyncio.run(ensure_topics(settings.bootstrap, topic_specs(settings, [])))
    sent = asyncio.run(produce_raw(settings.bootstrap, topic, items))
    print(f"ingested {len(sent)} item(s) into {topic}")
    return 1 if refused else 0


def cmd_process(settings: Settings, args: argparse.Namespace) -> int:
    """The whole pipeline in process: articles on stdout, dead letters on stderr."""
    from streams.ingest import read_items
    from streams.pipeline import InProcessPipeline, Stages

    forced = None if args.format == "auto" else args.format
    pipeline = InProcessPipeline(Stages(settings), until=args.until, forced_format=forced)
    out = sys.stdout.buffer
    for outcome in pipeline.run(read_items(args.paths or ["-"], feed=args.feed)):
        if outcome.dead_letter is not None:
            print(outcome.dead_letter.stderr_line(), file=sys.stderr)
        elif outcome.article is not None:
            out.write(outcome.article.to_json() + b"\n")
    out.flush()
    return 0


def cmd_tail(settings: Settings, args: argparse.Namespace) -> int:
    from streams.kafka_io import tail_topic
    from streams.topics import TopicNames

    names = TopicNames(settings.topic_prefix)
    special = {"duplicates": names.duplicates, "dlq": names.dlq, "raw": names.raw}
    topic = special.get(args.route) or names.out(args.route)

    async def run() -> None:
        async for record in tail_topic(
            settings.bootstrap, topic, from_beginning=args.from_beginning, follow=args.follow
        ):
            value = orjson.loads(record.value) if record.value else None
            if args.json:
                print(orjson.dumps(value).decode(), flush=True)
            elif isinstance(value, dict):
                verdict = (value.get("dedup") or {}).get("verdict") or value.get("reason", "")
                title = value.get("headline") or value.get("error") or ""
                print(f"{record.partition}:{record.offset} [{verdict}] {title}", flush=True)

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())
    return 0


def cmd_topics(settings: Settings, args: argparse.Namespace) -> int:
    from streams.kafka_admin import ensure_topics, list_topics
    from streams.stages.rules import RuleSet
    from streams.topics import topic_specs

    specs = topic_specs(settings, RuleSet.load(settings.rules_file).routes)
    if args.create:
        created = asyncio.run(ensure_topics(settings.bootstrap, specs))
        print(f"created {len(created)} topic(s)")
    existing = asyncio.run(list_topics(settings.bootstrap))
    for spec in specs:
        have = existing.get(spec.name)
        state = f"{have} partition(s)" if have is not None else "missing"
        policy = spec.config.get("cleanup.policy", "")
        print(f"{spec.name:40} {state:16} {policy}")
    return 0


def cmd_rules(settings: Settings, args: argparse.Namespace) -> int:
    """check / explain / publish a routing rules file; a bad file is reported, never used."""
    from streams.errors import RulesError
    from streams.stages.rules import RuleSet

    try:
        if args.rules_command == "publish":
            from streams.kafka_admin import ensure_topics
            from streams.rules_control import publish_rules
            from streams.topics import TopicNames, topic_specs

            topic = TopicNames(settings.topic_prefix).control_rules
            rules = RuleSet.load(args.file)
            asyncio.run(ensure_topics(settings.bootstrap, topic_specs(settings, rules.routes)))
            rules = asyncio.run(publish_rules(settings.bootstrap, topic, args.file))
            print(f"published {args.file} version {rules.version} to {topic}")
            return 0
        rules = RuleSet.load(args.file)
    except RulesError as exc:
        print(f"invalid: {exc}", file=sys.stderr)
        return 1
    if args.rules_command == "explain":
        return explain_article(rules, Path(args.article))
    print(f"ok: {args.file} version {rules.version}, routes: {', '.join(sorted(rules.routes))}")
    return 0


def explain_article(rules: object, article_path: Path) -> int:
    """Print, rule by rule, whether it matched the article and why."""
    from streams.article import Article
    from streams.errors import EnvelopeError
    from streams.stages.route import explain, route
    from streams.stages.rules import RuleSet

    assert isinstance(rules, RuleSet)
    try:
        article = Article.from_json(article_path.read_bytes())
    except (OSError, EnvelopeError) as exc:
        print(f"cannot read article {article_path}: {exc}", file=sys.stderr)
        return 1
    for entry in explain(article, rules):
        mark = "MATCH" if entry["matched"] else ("skip " if entry.get("skipped") else "no   ")
        routes = ",".join(entry.get("routes") or [])
        print(f"{mark} {entry['rule']:<24} -> {routes:<20} {entry['why']}")
    print(f"routes: {', '.join(route(article, rules).routes)}")
    return 0


def cmd_kafka(settings: Settings, args: argparse.Namespace) -> int:
    from streams.local_kafka import kafka

    return kafka(args.action, check=False)


def cmd_status(settings: Settings, args: argparse.Namespace) -> int:
    """One screen on the running pipeline: topics, lag, rates, rules version, dead letters."""
    from streams.status import gather, render

    url = args.metrics_url or f"http://{settings.web_host}:{settings.web_port}/metrics"
    try:
        snap = asyncio.run(gather(settings, interval=args.interval, metrics_url=url))
    except Exception as exc:  # the broker is down or unreachable: say so, no traceback
        print(f"status: cannot read the pipeline from {settings.bootstrap}: {exc!r}",
              file=sys.stderr)
        return 1
    print(render(snap))
    return 0


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    from streams.demo import SAMPLES, run_demo

    return run_demo(settings, Path(args.samples) if args.samples else SAMPLES)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wirestreams", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("worker", help="run a pipeline worker (all stage agents)").set_defaults(
        func=cmd_worker
    )

    p = sub.add_parser("ingest", help="send files and folders to wire.raw")
    p.add_argument("paths", nargs="+")
    p.add_argument("--feed", default="files")
    p.add_argument("--format", default="auto", choices=_formats())
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("process", help="run the pipeline in process, no broker")
    p.add_argument("paths", nargs="*", help="files or folders; none or - reads stdin")
    p.add_argument("--until", default="route", choices=["clean", "dedup", "tag", "route"])
    p.add_argument("--format", default="auto", choices=_formats())
    p.add_argument("--feed", default="files")
    p.set_defaults(func=cmd_process)

    p = sub.add_parser("tail", help="print what an output topic holds")
    p.add_argument("route", help="route name, or duplicates / dlq / raw")
    p.add_argument("--from-beginning", action="store_true")
    p.add_argument("--follow", action="store_true")
    p.add_argument("--json", action="store_true", help="print each value as JSON")
    p.set_defaults(func=cmd_tail)

    p = sub.add_parser("topics", help="list (or --create) the pipeline's topics")
    p.add_argument("--create", action="store_true")
    p.set_defaults(func=cmd_topics)

    p = sub.add_parser("rules", help="routing rules tools")
    rules_sub = p.add_subparsers(dest="rules_command", required=True)
    check = rules_sub.add_parser("check", help="validate a rules file")
    check.add_argument("file")
    check.set_defaults(func=cmd_rules)
    explain_p = rules_sub.add_parser("explain", help="which rules match an article, and why")
    explain_p.add_argument("file")
    explain_p.add_argument("article", help="an article JSON file (e.g. from wirestreams process)")
    explain_p.set_defaults(func=cmd_rules)
    publish = rules_sub.add_parser("publish", help="validate and publish rules to all workers")
    publish.add_argument("file")
    publish.set_defaults(func=cmd_rules)

    p = sub.add_parser("kafka", help="the local broker (deploy/kafka)")
    p.add_argument("action", choices=["up", "down", "status", "logs"])
    p.set_defaults(func=cmd_kafka)

    p = sub.add_parser("status", help="one-screen summary of a running pipeline")
    p.add_argument("--interval", type=float, default=3.0, help="seconds between the two samples")
    p.add_argument("--metrics-url", default="", help="a worker's /metrics (default: settings)")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("demo", help="run the pipeline on the sample feed on a local broker")
    p.add_argument("--samples", default=None)
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings.from_env()
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        stream=sys.stderr,
    )
    if args.command != "worker":  # client chatter would drown the command's own output
        logging.getLogger("aiokafka").setLevel(logging.WARNING)
    try:
        result: int = args.func(settings, args)
    except BrokenPipeError:
        return 0
    return result


if __name__ == "__main__":
    sys.exit(main())
