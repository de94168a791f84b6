"""A private PostgreSQL cluster for the test session, on a free port.

Uses the server binaries of Debian's ``postgresql`` package
(``/usr/lib/postgresql/<v>/bin``). PostgreSQL refuses to run as root, so when the
tests run as root the cluster runs as the ``postgres`` user (``runuser``). Set
``MARSAD_TEST_DB_URL`` to use an existing server instead (outage tests are then
skipped).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_bindir() -> Path | None:
    """The newest installed PostgreSQL server bin directory, or None."""
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    return Path(dirs[-1]) if dirs else None


@dataclass
class PostgresCluster:
    bindir: Path
    datadir: Path
    port: int
    as_user: str | None

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = list(args)
        if self.as_user:
            cmd = ["runuser", "-u", self.as_user, "--"] + cmd
        return subprocess.run(cmd, check=check, capture_output=True, text=True)

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg2://marsad@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg2://marsad@127.0.0.1:{self.port}/{database}"

    def init(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.datadir), "-U", "marsad", "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8")

    def start(self) -> None:
        opts = f"-p {self.port} -k {self.datadir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-o", opts, "-l",
                  str(self.datadir / "server.log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "fast", "-w", "stop", check=False)

    def create_database(self, name: str) -> str:
        """Create database ``name`` (dropping an old one) and return its URL."""
        psql = shutil.which("psql") or str(self.bindir / "psql")
        base = [psql, "-h", "127.0.0.1", "-p", str(self.port), "-U", "marsad", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c"]
        subprocess.run(base + [f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], check=True, capture_output=True)
        subprocess.run(base + [f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
        return self.url(name)


def start_cluster() -> PostgresCluster:
    """Init and start a throwaway cluster; raises RuntimeError saying what to install."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries not found: install Debian's `postgresql` package "
                           "(apt-get install -y postgresql), or set MARSAD_TEST_DB_URL to a server you run")
    as_user = "postgres" if os.geteuid() == 0 else None
    datadir = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
    if as_user:
        shutil.chown(datadir, as_user, as_user)
    cluster = PostgresCluster(bindir, datadir, _free_port(), as_user)
    cluster.init()
    cluster.start()
    return cluster
