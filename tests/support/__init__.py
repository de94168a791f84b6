"""Test helpers: real services (Kafka, PostgreSQL) on free ports, workers as processes."""
