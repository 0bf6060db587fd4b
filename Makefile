# Every target sets up what it needs on a fresh machine: the virtualenv, the Debian tools
# (prometheus/promtool, kcat, docker-compose) and, where needed, the local Kafka broker.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: help venv tools lint test check unit demo eval faults kafka-up kafka-down compose-check bench topic-model clean

help:
	@echo "make demo   - start a local broker and a worker, run the sample feed, print the results"
	@echo "make test   - lint (ruff, mypy) and run the whole test suite on a real local broker"
	@echo "make check  - same as make test"
	@echo "make eval   - print the quality evaluation table"
	@echo "make faults - 5,000-item wire mix; 20 worker kills, a broker restart, a 2->3->2 rebalance"
	@echo "make topic-model - retrain the learned topic model's head from its training data"
	@echo "make kafka-up / kafka-down - the local broker on 127.0.0.1:$${KAFKA_PORT:-9092}"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

tools:
	bash deploy/install-tools.sh

lint: venv
	$(VENV)/bin/ruff check streams tests benchmarks
	$(VENV)/bin/mypy

unit: venv
	$(VENV)/bin/pytest -q -m "not integration"

test: venv tools lint
	bash deploy/run-tests.sh

check: test

demo: venv tools
	$(VENV)/bin/wirestreams demo

eval: venv
	$(PY) -m streams.evaluation

faults: venv tools
	bash deploy/kafka/kafka.sh up
	WIRESTREAMS_BOOTSTRAP=127.0.0.1:$${KAFKA_PORT:-9092} $(PY) -m streams.faults $(FAULTS_ARGS)

bench: venv
	$(PY) -m benchmarks

# retrain the learned topic model's head after its training data or embeddings change
# (the embeddings themselves: deploy/topic-model/build-embeddings.sh)
topic-model: venv
	$(PY) -m streams.topic_training --cv

kafka-up:
	bash deploy/kafka/kafka.sh up

kafka-down:
	bash deploy/kafka/kafka.sh down

compose-check: tools
	docker-compose -f docker-compose.yml config -q

clean:
	rm -rf .run .pytest_cache .mypy_cache .ruff_cache
