"""Topic specs: every topic the workers use exists before they start, with its retention."""

from marsad.config import Settings
from schemas.topics import DEDUP_TABLES, Topics


def test_specs_cover_every_pipeline_topic_with_one_partition_count():
    topics = Topics("pfx", "marsad-v2")
    specs = {s.name: s for s in topics.specs(6)}
    for name in (topics.raw, topics.replay, topics.deadletter, topics.normalized, topics.enriched,
                 topics.deduped, topics.mentions):
        assert name in specs
    assert {s.partitions for s in specs.values()} == {6}
    assert specs[topics.raw].configs["retention.ms"] == "-1"


def test_dedup_changelogs_are_created_compacted_under_the_names_faust_uses(tmp_path):
    from agents.app import create_app

    settings = Settings(broker="127.0.0.1:1", db_url=f"sqlite:///{tmp_path / 'm.db'}", topic_prefix="pfx",
                        app_id="marsad-v2", partitions=4)
    app = create_app(settings)
    faust_changelogs = {t.changelog_topic.get_topic_name() for t in app.tables.values()}
    topics = Topics(settings.topic_prefix, settings.app_id)
    ours = {topics.changelog(t) for t in DEDUP_TABLES}
    assert faust_changelogs == ours
    specs = {s.name: s for s in topics.specs(4)}
    assert all(specs[name].configs["cleanup.policy"] == "compact" for name in ours)
