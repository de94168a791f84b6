"""Worker settings read from the environment (agents/app.py)."""

from __future__ import annotations

import pytest

from agents.app import session_timeout, stream_buffer


def test_stream_buffer_defaults_to_512(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MARSAD_STREAM_BUFFER", raising=False)
    assert stream_buffer() == 512


def test_stream_buffer_reads_the_environment_with_a_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_STREAM_BUFFER", "2048")
    assert stream_buffer() == 2048
    monkeypatch.setenv("MARSAD_STREAM_BUFFER", "1")
    assert stream_buffer() == 16


def test_stream_buffer_rejects_a_non_number_and_says_what_it_wanted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_STREAM_BUFFER", "lots")
    with pytest.raises(ValueError, match="MARSAD_STREAM_BUFFER must be a whole number"):
        stream_buffer()


def test_session_timeout_default_and_broker_minimum(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MARSAD_KAFKA_SESSION_TIMEOUT", raising=False)
    assert session_timeout() == 20.0
    monkeypatch.setenv("MARSAD_KAFKA_SESSION_TIMEOUT", "2")
    assert session_timeout() == 6.0
