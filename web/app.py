"""Datasette as served: the metadata, our plugins and templates, the installed plugins
(cluster map, search all, dashboards: see pyproject.toml) and these settings. `serve` runs
it as `datasette serve`; `datasette_app` is the same site in process (tests, scripts)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
METADATA = HERE.parent / "datasette_metadata.yml"
PLUGINS_DIR = HERE / "plugins"
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"  # served under /site/
DATASETTE_SETTINGS = {
    "sql_time_limit_ms": 3000,  # a public instance: no query may hog it
    "facet_time_limit_ms": 500,
    "default_page_size": 50,
    "truncate_cells_html": 300,  # long article text is cut in tables; the row page shows it all
    "allow_download": False,  # the whole file is not offered; CSV/JSON exports are
    "suggest_facets": False,  # suggestions cost seconds per page on a large archive
}


def datasette_command(db_path: Path, host: str, port: int, metadata: Path = METADATA) -> list[str]:
    """The `datasette serve` command line: read-only use of `db_path` (WAL, never immutable,
    so the nightly job can write while it serves)."""
    command = [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        str(db_path),
        "--metadata",
        str(metadata),
        "--host",
        host,
        "--port",
        str(port),
        "--plugins-dir",
        str(PLUGINS_DIR),
        "--template-dir",
        str(TEMPLATES_DIR),
        "--static",
        f"site:{STATIC_DIR}",
    ]
    for name, value in DATASETTE_SETTINGS.items():
        value = ("on" if value else "off") if isinstance(value, bool) else str(value)
        command += ["--setting", name, value]
    return command


def datasette_app(db_path: Path, metadata: Path = METADATA):
    """The same Datasette as `serve` runs, in process (for tests and scripts)."""
    from datasette.app import Datasette

    return Datasette(
        [str(db_path)],
        metadata=yaml.safe_load(Path(metadata).read_text(encoding="utf-8")),
        plugins_dir=str(PLUGINS_DIR),
        template_dir=str(TEMPLATES_DIR),
        static_mounts=[("site", str(STATIC_DIR))],
        settings=dict(DATASETTE_SETTINGS),
    )


def serve(db_path: Path, host: str, port: int, metadata: Path = METADATA, replace_process: bool = True) -> int:
    """Serve `db_path`; with `replace_process`, this process becomes Datasette. Returns
    Datasette's exit code (0 after Ctrl-C) when it does not."""
    from storage import open_db

    open_db(db_path).close()  # make sure the schema (and WAL mode) exist before serving
    if Path(db_path).stem != "trafficking_news":
        print(
            f"warning: Datasette names the database after the file ({Path(db_path).stem}); the "
            f"descriptions, facets and canned queries of {metadata.name} are for "
            f"'trafficking_news.db'",
            file=sys.stderr,
        )
    print(f"Datasette: http://{host}:{port}/  (database {db_path}; Ctrl-C to stop)", flush=True)
    command = datasette_command(db_path, host, port, metadata)
    if replace_process and hasattr(os, "execv"):
        # Become Datasette, so a signal to this process (Ctrl-C, a service manager's or a
        # test's terminate) stops the server instead of leaving it orphaned.
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command[0], command)
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 0
