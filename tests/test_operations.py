"""Operating the nightly job as the README says: one run at a time, the crontab line and the
systemd unit from `/` with an empty environment, a second run that does nothing, Datasette
answering during a run, the backup and restore commands, every exit code documented."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import pipeline
from operations import logs as run_logs
from operations import runs as run_codes
from storage.lock import RunLock, lock_path
from tests.conftest import EXPECTED, ROOT, free_port
from web import app as web_app

README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL = "/srv/trafficking-news"  # where the README's examples put the project
DATA_TABLES = (
    "sources",
    "articles",
    "article_html",
    "fetched_urls",
    "article_copies",
    "entities",
    "mentions",
    "sentences",
)


def readme_blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def local(command: str) -> str:
    """A README command with this checkout (and the interpreter running the tests) in place of /srv."""
    return command.replace(f"{INSTALL}/.venv/bin/python", sys.executable).replace(INSTALL, str(ROOT))


def nightly_args(sources: Path, db: Path) -> list[str]:
    return [sys.executable, str(ROOT / "pipeline.py"), "nightly", "--quiet", "--sources", str(sources), "--db", str(db)]


def snapshot(db_path: Path) -> dict:
    conn = sqlite3.connect(db_path)
    try:
        return {t: sorted(map(repr, conn.execute(f"select * from {t}").fetchall())) for t in DATA_TABLES}
    finally:
        conn.close()


def runs(db_path: Path) -> list[dict]:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute("select * from runs order by id")]
    finally:
        conn.close()


def copy_db(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(source)
    conn.execute("vacuum into ?", [str(target)])
    conn.close()
    return target


def _get(url: str) -> tuple[int, object]:
    with urllib.request.urlopen(url, timeout=15) as response:
        body = response.read()
        return response.status, json.loads(body) if "json" in url else None


READER_PATHS = [
    "/articles.json?_size=5&_shape=array",
    ".json?sql=select+count(*)+as+n+from+articles&_shape=array",
    ".json?sql=select+count(*)+as+n+from+mentions&_shape=array",
    "/runs.json?_shape=array",
    "/prosecutions.json?_size=5&_shape=array",
    "/articles.json?_search=trafficking&_shape=array",
]


@pytest.fixture(scope="module")
def first_nightly(demo_sources, tmp_path_factory):
    """Datasette serves a new database; two nightly runs start on it at the same moment, as two
    cron jobs would; a reader keeps asking Datasette questions until both have finished."""
    from storage import open_db

    db = tmp_path_factory.mktemp("ops") / "data" / "trafficking_news.db"
    open_db(db).close()  # what `pipeline.py serve` does first: schema and WAL mode
    port = free_port()
    datasette = subprocess.Popen(
        web_app.datasette_command(db, "127.0.0.1", port, web_app.METADATA),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/trafficking_news"
    reads = {"answers": 0, "failures": [], "article_counts": set()}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(f"{base}.json")
                break
            except OSError:
                assert time.monotonic() < deadline and datasette.poll() is None, "Datasette did not start"
                time.sleep(0.2)
        began = time.monotonic()
        procs = [
            subprocess.Popen(
                nightly_args(demo_sources, db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd="/"
            )
            for _ in range(2)
        ]
        while any(proc.poll() is None for proc in procs):
            for path in READER_PATHS:
                try:
                    status, data = _get(base + path)
                except Exception as exc:  # noqa: BLE001 - any failure is what the test looks for
                    reads["failures"].append((path, repr(exc)))
                    continue
                reads["answers"] += 1
                if status != 200:
                    reads["failures"].append((path, status))
                elif "from+articles" in path:
                    reads["article_counts"].add(data[0]["n"])
            time.sleep(0.05)  # a reader, not a load test: leave the 2 cores to the run
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            results.append(
                {
                    "pid": proc.pid,
                    "code": proc.returncode,
                    "stdout": out,
                    "stderr": err,
                    "seconds": time.monotonic() - began,
                }
            )
        reads["after"] = _get(base + READER_PATHS[1])[1][0]["n"]
    finally:
        datasette.terminate()
        datasette.wait(timeout=30)
    return db, results, reads


def test_two_nightly_runs_started_together_one_runs_the_other_exits_4(first_nightly):
    db, results, _ = first_nightly
    assert sorted(r["code"] for r in results) == [0, run_codes.EXIT_LOCKED], results
    winner, loser = sorted(results, key=lambda r: r["code"])
    assert "another run holds the lock" in loser["stderr"] and f"pid {winner['pid']}" in loser["stderr"]
    assert loser["stdout"] == "" and winner["stdout"] == ""
    rows = runs(db)  # the loser wrote nothing, marked nothing
    assert [(r["command"], r["status"], r["pid"], r["exit_code"]) for r in rows] == [
        ("nightly", "ok", winner["pid"], 0)
    ]
    assert rows[0]["crawl_seconds"] > 0 and rows[0]["process_seconds"] > 0 and rows[0]["duration_seconds"] > 0
    on_topic = sum(a["on_topic"] for a in EXPECTED["articles"])
    assert rows[0]["articles_new"] == rows[0]["articles_processed"] == on_topic
    assert rows[0]["pages_fetched"] == len(EXPECTED["articles"])
    assert lock_path(db).read_text() == ""  # released
    log = (db.parent / "logs" / "pipeline.log").read_text()
    assert f"run 1 (nightly) started by pid {winner['pid']}" in log and "another run holds the lock" in log


def _second_run(command: list[str] | str, db: Path, demo_sources: Path) -> subprocess.CompletedProcess:
    before = snapshot(db)
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=300, cwd="/", shell=isinstance(command, str), env={}
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert result.stdout == "" and result.stderr == ""  # cron mails nothing
    second = runs(db)[-1]
    assert second["status"] == "ok" and second["command"] == "nightly"
    assert second["pages_fetched"] == 0 and second["articles_new"] == 0  # no article page fetched again
    assert second["articles_processed"] == 0 and second["entities_added"] == 0
    assert second["requests"] == second["listings_fetched"] + 1  # robots.txt and the listings, nothing else
    assert snapshot(db) == before  # nothing new written
    return result


def test_crontab_line_from_root_with_an_empty_environment(first_nightly, demo_sources, tmp_path):
    """The README's crontab command, run by /bin/sh from / under `env -i`, on a copy of the database."""
    (block,) = readme_blocks("cron")
    (line,) = [row for row in block.splitlines() if row.strip() and not row.startswith("#")]
    command = line.split(None, 5)[5]
    assert "%" not in command and command.startswith(f"{INSTALL}/.venv/bin/python {INSTALL}/pipeline.py nightly")
    db = copy_db(first_nightly[0], tmp_path / "data" / "trafficking_news.db")
    full = f"env -i /bin/sh -c {shlex.quote(local(command) + f' --sources {demo_sources} --db {db}')}"
    _second_run(full, db, demo_sources)
    assert "run 2 (nightly) started" in (tmp_path / "data" / "logs" / "pipeline.log").read_text()


def test_systemd_exec_start_from_root_with_an_empty_environment(first_nightly, demo_sources, tmp_path):
    service = next(b for b in readme_blocks("ini") if "[Service]" in b)
    timer = next(b for b in readme_blocks("ini") if "[Timer]" in b)
    assert "Type=oneshot" in service and "WorkingDirectory" not in service
    assert "OnCalendar=" in timer and "Persistent=true" in timer and "WantedBy=timers.target" in timer
    (exec_start,) = [row.split("=", 1)[1] for row in service.splitlines() if row.startswith("ExecStart=")]
    db = copy_db(first_nightly[0], tmp_path / "data" / "trafficking_news.db")
    _second_run(shlex.split(local(exec_start)) + ["--sources", str(demo_sources), "--db", str(db)], db, demo_sources)


def test_datasette_answers_every_request_during_a_nightly_run(first_nightly):
    _, results, reads = first_nightly
    assert 0 in [r["code"] for r in results]
    assert reads["failures"] == []
    assert reads["answers"] >= 20
    on_topic = sum(a["on_topic"] for a in EXPECTED["articles"])
    assert len(reads["article_counts"]) >= 2 and max(reads["article_counts"]) <= on_topic  # saw the progress
    assert reads["after"] == on_topic


@pytest.mark.skipif(not (shutil.which("sqlite3") and shutil.which("flock")), reason="needs sqlite3 and flock")
def test_backup_and_restore_commands_from_the_readme(first_nightly, tmp_path):
    install, backups = tmp_path / "srv", tmp_path / "backups"
    backups.mkdir()
    live = copy_db(first_nightly[0], install / "data" / "trafficking_news.db")
    commands = [
        " ".join(row.split())
        for b in readme_blocks("sh")
        for row in b.splitlines()
        if row.startswith(("sqlite3 ", "flock ")) and "trafficking_news" in row
    ]
    backup = [c for c in commands if "VACUUM INTO" in c or ".backup" in c]
    check = [c for c in commands if "integrity_check" in c]
    (restore,) = [c for c in commands if ".restore" in c]
    assert len(backup) == 2 and check

    def run(command: str) -> subprocess.CompletedProcess:
        command = command.replace(INSTALL, str(install)).replace("/backups", str(backups))
        return subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, timeout=60)

    with sqlite3.connect(live) as reader:  # a reader holding a snapshot does not stop a backup
        reader.execute("begin")
        reader.execute("select count(*) from articles").fetchone()
        for command in backup:
            assert run(command).returncode == 0
        reader.rollback()
    made = sorted(backups.glob("*.db"))
    assert len(made) == 2
    for path in made:
        assert (
            subprocess.run(
                ["sqlite3", str(path), "pragma integrity_check"], capture_output=True, text=True
            ).stdout.strip()
            == "ok"
        )
        assert snapshot(path) == snapshot(live)
    assert run(check[0]).stdout.strip() == "ok"
    expected = snapshot(live)

    with sqlite3.connect(live) as conn:  # an accident
        conn.execute("delete from mentions")
    with RunLock(live, command="nightly"):  # a run is going on: the restore must not happen
        refused = run(restore)
    assert refused.returncode != 0 and snapshot(live)["mentions"] == []
    restored = run(restore)
    assert restored.returncode == 0, restored.stderr
    assert snapshot(live) == expected
    conn = sqlite3.connect(live)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_readme_documents_every_exit_code():
    table = README[README.index("### Exit codes") :]
    codes = {
        name: value for name, value in vars(run_codes).items() if name.startswith("EXIT_") and isinstance(value, int)
    }
    assert set(codes.values()) == {0, 1, 2, 3, 4}
    for value in codes.values():
        assert f"| `{value}` |" in table, value
    for status in ("ok", "partial", "failed", "interrupted"):
        assert f"`{status}`" in table
    assert f"{run_codes.EXIT_LOCKED} another run holds" in pipeline.__doc__.replace("\n", " ")


def test_log_is_rotated_when_a_run_starts_and_it_is_too_big(tmp_path, monkeypatch):
    import logging

    monkeypatch.setattr(run_logs, "LOG_MAX_BYTES", 100)
    handler = run_logs.add_log_file(tmp_path / "news.db")
    try:
        logging.getLogger("pipeline").warning("x" * 200)
        handler.flush()
        run_logs.rotate_log(handler)
        logging.getLogger("pipeline").warning("after rotation")
        handler.flush()
        logs = tmp_path / "logs"
        assert "x" * 200 in (logs / "pipeline.log.1").read_text()
        assert (logs / "pipeline.log").read_text().rstrip().endswith("after rotation")
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_a_failing_stage_fails_the_run_with_exit_1_and_says_why(tmp_path):
    db = tmp_path / "news.db"
    result = subprocess.run(
        [sys.executable, str(ROOT / "pipeline.py"), "process", "--db", str(db), "--model", "no_such_spacy_model"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == run_codes.EXIT_FAILED
    assert "(process): failed" in result.stdout and "ModelNotInstalled" in result.stdout
    (row,) = runs(db)
    assert row["status"] == "failed" and row["exit_code"] == 1 and "no_such_spacy_model" in row["message"]
    log = (tmp_path / "logs" / "pipeline.log").read_text()
    assert "Traceback" in log and "ModelNotInstalled" in log
    assert lock_path(db).read_text() == ""  # the lock was released
