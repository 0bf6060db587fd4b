"""Wirestreams: newsroom wire intake as a stream-processing pipeline on Kafka."""

__version__ = "0.1.0"
