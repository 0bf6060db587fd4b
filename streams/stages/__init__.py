"""Pure pipeline stages over Article records: no Kafka, no asyncio."""
