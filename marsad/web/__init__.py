"""`marsad serve`: a read-only web application over the SQL store (JSON API + dashboard).

See :mod:`marsad.web.app` (routes), :mod:`marsad.web.queries` (SQL) and docs/api.md.
"""

from __future__ import annotations

__all__ = ["create_app"]


def create_app(db_url: str):  # noqa: ANN201 - lazy import keeps `import marsad.web` cheap
    from marsad.web.app import create_app as _create

    return _create(db_url)
