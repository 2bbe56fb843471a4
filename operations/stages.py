"""The stages a command runs, each inside a `Run`: its counts go into the run's row, and
what went partly wrong makes the run partial."""

from __future__ import annotations

from pathlib import Path

from operations.logs import progress_bar
from operations.runs import Run, Stopped, install_signal_handlers, log, raise_if_stopped, stop_requested


def read_sources(sources: Path, extra_settings: dict | None):
    """The sources of the file, parsed once for the whole run (the crawl gets this list), or
    `SourcesFileError` for a malformed file or an unknown --source."""
    from crawler.sources import SourcesFileError, load_sources

    parsed = load_sources(sources)
    known = {s.id for s in parsed}
    unknown = [s for s in (extra_settings or {}).get("NEWS_SOURCES", []) if s not in known]
    if unknown:
        raise SourcesFileError(
            f"{sources}: no source with id {', '.join(map(repr, unknown))} (ids: {', '.join(sorted(known))})"
        )
    return parsed


def crawl_stage(run: Run, sources: Path, extra_settings: dict | None, show_progress: bool, parsed_sources=None) -> None:
    """Crawl every source once into the run's row (counts via the item pipeline).
    `parsed_sources`: the file's sources as `read_sources` returned them (else it is read here)."""
    from storage.runs import get_run

    with run.stage("crawl"):
        from crawler.runner import run_crawl

        extra = dict(extra_settings or {})
        if show_progress:
            extra["NEWS_PROGRESS"] = True  # the crawler.progress extension's bar
        try:
            stats = run_crawl(
                sources, run.db_path, run_id=run.run_id, extra_settings=extra, parsed_sources=parsed_sources
            )
        finally:
            install_signal_handlers()  # Scrapy replaced them for its graceful shutdown
        if stats.get("finish_reason") == "shutdown":  # Scrapy stopped on SIGTERM / SIGINT
            raise Stopped("a shutdown signal during the crawl")
        row = get_run(run.db, run.run_id)
        if row.get("sources_failed"):
            run.partial = True
            log.warning(
                "run %d: %d of %d sources failed", run.run_id, row["sources_failed"], row.get("sources_tried") or 0
            )
        if stats.get("news/code_errors"):  # a callback or item pipeline raised: a bug, not a site
            run.partial = True
            log.warning(
                "run %d: %d exceptions in spider callbacks or item pipelines (run_errors codes "
                "spider_error, item_error)",
                run.run_id,
                stats["news/code_errors"],
            )


def link_stage(db, rebuild: bool = False) -> dict | None:
    """Link the reports the last `process` stored to the stored cases (`rebuild`: every case
    again, from the stored reports and the reviewers' decisions)."""
    from cases.linking import link_cases, link_new_reports

    linked = link_cases(db) if rebuild else link_new_reports(db)
    log.info(
        "cases: %d (%d reports linked now; %d links the same person, %d doubtful, listed in case_review)",
        linked["cases"],
        linked["reports"],
        linked["links_same"],
        linked["links_review"],
    )
    return linked


def cases_stage(run: Run, decision: tuple[str, str, str] | None, note: str | None) -> None:
    """Record a reviewer's decision on two reports (if given), then rebuild the cases."""
    with run.stage("cases"):
        from storage.cases import record_decision

        if decision is not None:
            verdict, report, other = decision
            record_decision(run.db, report, other, verdict, note)
            log.info("cases: reports %s and %s recorded as %s by a reviewer", report, other, verdict)
        link_stage(run.db, rebuild=True)


def process_stage(
    run: Run,
    model: str | None,
    reprocess: bool,
    workers: int,
    show_progress: bool,
    commit_every: int = 50,
    remote=None,
) -> None:
    """NLP over every article not processed with the current NLP version (all with reprocess).
    `remote`: the NLP done by a fleet's workers (`operations.fleet.RemoteNlp`), stored here."""
    from storage.runs import add_counts, set_fields

    with run.stage("process"):
        from nlp.loader import expected_version, load_pipeline, nlp_version
        from nlp.process import process_articles
        from storage.extractions import count_pending

        version = expected_version(model)  # from the model's meta; "" for a folder without one
        if remote is None and version:  # the NLP runs here, loaded only if an article is pending
            where = {"model": model, "workers": workers}
        elif remote is None:  # its version is known once it is loaded
            nlp = load_pipeline(model)
            version = nlp_version(nlp)
            where = {"nlp": nlp, "workers": workers}
        else:  # the workers load the model
            version = version or nlp_version(load_pipeline(model))
            remote.open(run.run_id, version)
            where = {"extract": remote.extract, "version": version, "batch_size": remote.batch}
        set_fields(run.db, run.run_id, nlp_version=version)
        try:
            counts = process_articles(
                run.db,
                reprocess=reprocess,
                run_id=run.run_id,
                commit_every=commit_every,
                progress=progress_bar("process", " articles") if show_progress else None,
                should_stop=stop_requested,
                **where,
            )
        finally:
            if remote is not None:
                remote.close()
        raise_if_stopped()
        add_counts(run.db, run.run_id, counts)
        set_fields(run.db, run.run_id, articles_pending=count_pending(run.db, version))
        link_stage(run.db)
        if counts.get("errors"):
            run.partial = True


def reparse_stage(run: Run, article_ids: list[str] | None, show_progress: bool) -> None:
    """The stored articles (or `article_ids`) parsed again from their stored HTML."""
    from crawler.reparse import reparse_articles
    from storage.runs import add_counts

    with run.stage("reextract"):
        counts = reparse_articles(
            run.db, run.run_id, article_ids, progress=progress_bar("reextract", " articles") if show_progress else None
        )
        add_counts(run.db, run.run_id, counts)
        log.info(
            "run %d: %d articles re-extracted with changes (%d with a new text, to be processed again)",
            run.run_id,
            counts["articles_updated"],
            counts["articles_text_changed"],
        )
        if counts.get("errors"):
            run.partial = True
