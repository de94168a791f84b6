"""`marsad serve`: the read-only web application (JSON API + dashboard) over the SQL store."""

from __future__ import annotations

import click

from marsad.commands.options import settings_from


@click.command("serve")
@click.option("--db-url", default=None, help="SQLAlchemy URL of the store [env MARSAD_DB_URL, default sqlite:///marsad.db].")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (localhost by default; the API has no authentication).")
@click.option("--port", type=int, default=8787, show_default=True, help="TCP port.")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]), help="uvicorn log level.")
def serve(db_url: str | None, host: str, port: int, log_level: str) -> None:
    """Serve the dashboard on http://HOST:PORT/ and the JSON API under /api
    (OpenAPI description: /api/openapi.json). Read-only: it never writes to the store,
    so it can run beside the workers on the same database."""
    import uvicorn

    from marsad import store
    from marsad.web.app import create_app

    settings = settings_from(db_url=db_url)
    app = create_app(settings.db_url)
    click.echo(f"marsad serve: http://{host}:{port}/  (store {store.describe(settings.db_url)})", err=True)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=log_level == "debug")
