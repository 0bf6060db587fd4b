"""The fault harness: a wire mix through real workers while they are killed, the broker
restarted and the group resized, then a consistency check of every topic (see
``streams.consistency``). Run it with ``python -m streams.faults``."""
