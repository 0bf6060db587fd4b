"""Quality evaluations behind ``make eval``: each stage measured on labelled data in the repo."""
