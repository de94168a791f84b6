"""Arabic text processing for Marsad: pure functions, no Kafka/Faust/SQL imports.

The normalization stage is :func:`arabic.normalize.normalize_article` (cleaning,
boilerplate removal, dateline, language, matching fold, content hash); its parts live in
single-purpose modules (``markup``, ``chars``, ``digits``, ``boilerplate``, ``dateline``,
``language``).
"""
