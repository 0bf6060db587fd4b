"""``python -m streams.faults``: the fault harness; its last line is the verdict."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from streams.faults.harness import GUARANTEES, FaultConfig, run_faults


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(143)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m streams.faults",
        description="Stream a wire mix through workers while killing them, restarting the "
        "broker and resizing the group; then check every topic for lost, duplicated and "
        "conflicting records.",
    )
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--guarantee", choices=GUARANTEES, default="at_least_once")
    parser.add_argument("--rate", type=float, default=12.0, help="items per second into wire.raw")
    parser.add_argument("--broker-restarts", type=int, default=1)
    parser.add_argument("--no-rebalance", action="store_true", help="do not grow/shrink the group")
    parser.add_argument("--quiesce-timeout", type=float, default=600.0)
    parser.add_argument("--workdir", default=".run/faults")
    parser.add_argument("--keep-topics", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    # the broker restart makes the harness's own clients log connection errors by the page
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
    # SIGTERM as an exception, so the workers the harness started are stopped on the way out
    signal.signal(signal.SIGTERM, _terminate)
    config = FaultConfig(
        items=args.items, kills=args.kills, seed=args.seed, guarantee=args.guarantee,
        rate=args.rate, broker_restarts=args.broker_restarts, rebalance=not args.no_rebalance,
        quiesce_timeout=args.quiesce_timeout, workdir=Path(args.workdir),
        keep_topics=args.keep_topics,
    )
    result = run_faults(config, say=lambda line: print(line, flush=True))
    print(result.line(), flush=True)
    return 0 if result.report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
