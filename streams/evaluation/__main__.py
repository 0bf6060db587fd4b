"""``python -m streams.evaluation`` (``make eval``): print the quality table."""

from __future__ import annotations

import sys
from pathlib import Path

from streams.evaluation import sample_feed
from streams.evaluation.table import render

REPO = Path(__file__).resolve().parents[2]


def main() -> int:
    rows = sample_feed.run(REPO / "samples")
    print("Wirestreams quality evaluation (samples/EXPECTED.yaml, in-process pipeline)\n")
    print(render(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
