"""Settings precedence and secret redaction."""

from __future__ import annotations

import pytest

from marsad.config import Settings


def test_env_overrides_defaults_and_args_override_env(monkeypatch):
    monkeypatch.setenv("MARSAD_PARTITIONS", "8")
    monkeypatch.setenv("MARSAD_BROKER", "kafka:9092")
    s = Settings.load(broker="other:1")
    assert s.partitions == 8 and s.broker == "other:1"


def test_toml_file(tmp_path, monkeypatch):
    f = tmp_path / "marsad.toml"
    f.write_text('[marsad]\ndb_url = "sqlite:///x.db"\npartitions = 2\n')
    monkeypatch.setenv("MARSAD_CONFIG", str(f))
    s = Settings.load()
    assert s.db_url == "sqlite:///x.db" and s.partitions == 2


def test_bad_integer_names_the_variable(monkeypatch):
    monkeypatch.setenv("MARSAD_PARTITIONS", "four")
    with pytest.raises(ValueError, match="MARSAD_PARTITIONS"):
        Settings.load()


def test_secrets_are_redacted():
    s = Settings(db_url="postgresql://marsad:s3cret@db/marsad", sasl_password="hunter2")
    shown = repr(s.redacted()) + repr(s)
    assert "s3cret" not in shown and "hunter2" not in shown


def test_env_number_default_cast_minimum_and_a_clear_error(monkeypatch):
    from marsad.config import env_number

    monkeypatch.delenv("MARSAD_X", raising=False)
    assert env_number("MARSAD_X", 7, what="a number") == 7
    monkeypatch.setenv("MARSAD_X", "  ")
    assert env_number("MARSAD_X", 7, what="a number") == 7
    monkeypatch.setenv("MARSAD_X", "2.5")
    assert env_number("MARSAD_X", 7, what="a number") == 2.5
    assert env_number("MARSAD_X", 7, what="a number", minimum=3) == 3
    monkeypatch.setenv("MARSAD_X", "12")
    assert env_number("MARSAD_X", 7, what="a whole number", cast=int) == 12
    monkeypatch.setenv("MARSAD_X", "2.5")
    with pytest.raises(ValueError, match=r"MARSAD_X must be a whole number, got '2.5'"):
        env_number("MARSAD_X", 7, what="a whole number", cast=int)
