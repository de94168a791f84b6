"""The replay bench's memory trajectory (pure part; the bench itself needs a broker)."""

from bench.replay_bench import rss_by_progress


def test_rss_is_read_when_each_tenth_is_first_reached():
    samples = [(0, 500.0), (5, 600.0), (12, 650.0), (20, 700.0), (55, 800.0), (100, 810.0)]
    got = rss_by_progress(samples, total=100)
    assert got["10%"] == 650.0  # first sample at or past 10 articles
    assert got["20%"] == 700.0
    assert got["30%"] == got["50%"] == 800.0
    assert got["60%"] == got["100%"] == 810.0
    assert list(got) == [f"{k}%" for k in range(10, 101, 10)]


def test_tenths_never_reached_are_left_out():
    got = rss_by_progress([(0, 100.0), (35, 120.0)], total=100)
    assert got == {"10%": 120.0, "20%": 120.0, "30%": 120.0}


def test_no_articles_gives_no_trajectory():
    assert rss_by_progress([(0, 100.0)], total=0) == {}
