"""``python -m streams.evaluation`` (``make eval``): print the quality table of every stage.

Each module measures one stage on labelled data in the repository (``tests/evaldata/`` and
``samples/EXPECTED.yaml``) and returns rows; this prints them in one table.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from streams.evaluation import clean_eval, dedup_eval, sample_feed, tag_eval
from streams.evaluation.table import Row, render
from streams.local_kafka import REPO_ROOT

SECTIONS: list[tuple[str, Callable[[], list[Row]]]] = [
    ("sample feed (samples/EXPECTED.yaml, whole pipeline in process)",
     lambda: sample_feed.run(REPO_ROOT / "samples")),
    ("cleaning (tests/evaldata/cleaning: 70 HTML pages, 70 text scrapes)", clean_eval.run),
    ("dedup (tests/evaldata/dedup: syndication set)", dedup_eval.run),
    ("tagging (tests/evaldata/tagging: labelled stories, dev and held-out)", tag_eval.run),
]


def main() -> int:
    print("Wirestreams quality evaluation\n")
    for title, run in SECTIONS:
        start = time.perf_counter()
        rows = run()
        print(f"== {title} ({time.perf_counter() - start:.1f}s)")
        print(render(rows))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
