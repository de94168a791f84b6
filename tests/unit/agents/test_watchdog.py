"""The stall watchdog's decision: which partitions have records pending and deliver none."""

import pytest

from agents.watchdog import PartitionView, StallDetector, idle_after_from_env


def view(tp="raw-0", end=100, read=None, committed=None, start=0):
    return PartitionView(tp=tp, end=end, read=read, committed=committed, start=start)


def test_pending_with_a_read_offset_needs_a_record_past_the_next():
    assert view(end=100, read=98).pending()
    assert not view(end=100, read=99).pending()  # the last record was delivered
    assert not view(end=100, read=100).pending()  # read offset sought to the end


def test_pending_without_a_read_offset_counts_from_committed_else_start():
    assert view(end=20, committed=None, start=0).pending()  # republished records never fetched
    assert not view(end=0, committed=None).pending()  # an empty partition
    assert not view(end=50, committed=50).pending()
    assert view(end=50, committed=30).pending()
    assert not view(end=50, committed=None, start=50).pending()  # everything before was deleted


def test_seek_target_is_committed_else_log_start():
    assert view(committed=30).seek_target() == 30
    assert view(committed=None, start=7).seek_target() == 7
    assert view(committed=0, start=7).seek_target() == 0


def test_reports_a_partition_only_after_idle_after_without_progress():
    d = StallDetector(idle_after=60)
    stuck = view(end=20, read=None, committed=None)
    assert d.observe([stuck], now=0) == []
    assert d.observe([stuck], now=30) == []
    assert d.observe([stuck], now=61) == [stuck]
    # reported once, then the clock restarts
    assert d.observe([stuck], now=90) == []
    assert d.observe([stuck], now=122) == [stuck]


def test_progress_restarts_the_clock():
    d = StallDetector(idle_after=60)
    assert d.observe([view(end=1000, read=10)], now=0) == []
    assert d.observe([view(end=1000, read=500)], now=59) == []
    assert d.observe([view(end=1000, read=500)], now=100) == []  # 41 s since progress
    assert d.observe([view(end=1000, read=500)], now=120) == [view(end=1000, read=500)]


def test_a_caught_up_partition_is_never_stalled():
    d = StallDetector(idle_after=1)
    for t in range(10):
        assert d.observe([view(end=100, read=99), view(tp="raw-1", end=0)], now=t * 10) == []


def test_partitions_that_disappear_are_forgotten():
    d = StallDetector(idle_after=60)
    d.observe([view(tp="a", end=20)], now=0)
    d.observe([], now=30)  # revoked
    assert d.observe([view(tp="a", end=20)], now=70) == []  # a new clock
    d.reset()
    assert d.observe([view(tp="a", end=20)], now=200) == []


def test_env_setting(monkeypatch):
    monkeypatch.setenv("MARSAD_STALL_AFTER", "0")
    assert idle_after_from_env() == 0
    monkeypatch.setenv("MARSAD_STALL_AFTER", "soon")
    with pytest.raises(ValueError, match="MARSAD_STALL_AFTER"):
        idle_after_from_env()
    monkeypatch.delenv("MARSAD_STALL_AFTER")
    assert idle_after_from_env() == 60


def test_holes_are_refetched_once_they_held_the_commit_long_enough() -> None:
    from agents.watchdog import HOLE_AFTER, holes_to_refetch

    holes = {"p0": (9, 100.0), "p1": (50, 100.0), "p2": (3, 100.0)}
    expected = {"p0": 9, "p1": 60}  # p1 committed past its hole since; p2 revoked
    assert holes_to_refetch(holes, expected, now=100.0 + HOLE_AFTER - 0.1) == {}
    assert holes_to_refetch(holes, expected, now=100.0 + HOLE_AFTER) == {"p0": 9}
