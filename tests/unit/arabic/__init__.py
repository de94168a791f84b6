"""Unit tests for the pure Arabic normalization stage (package ``arabic``)."""
