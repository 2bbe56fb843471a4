#!/usr/bin/env python3
"""NLP throughput: raw `nlp.pipe` of the plain model versus `pipeline.py process`, at equal processes.

For each N of --processes, on the same generated corpus:
- raw: `spacy.load(DEFAULT_MODEL)` with all its default components, `nlp.pipe(texts,
  batch_size=64, n_process=N)`, results discarded. For N > 1 it is also run as a forked
  pool of N processes each piping its share of the texts; the faster of the two raw
  figures is the one compared, so the ratio never flatters us.
- ours: `pipeline.py process --workers N` on a fresh database of the same articles
  (model load, our components, canonicalisation, sentence extraction and the SQLite
  writes included).

Both sides run as fresh subprocesses and are timed from launch to exit, so each figure
includes its own interpreter start, imports and model load ("end to end"). The bench
also prints each side with its start-up taken out ("steady"): raw's own load time as
the child measured it, ours' as the wall time of `pipeline.py process` on a database
with no articles. Runs are interleaved (raw N, ours N, ...) and repeated --repeat
times; the fastest run of each side is compared. On a shared machine the wall times
follow the other load more than the code, so the CPU seconds of each side's processes
(children's user + system time) are compared too: the least of each side's runs, raw's
over both of its modes.

Both sides run with one BLAS thread per process, as `pipeline.py` sets it. A child that
does not finish within --timeout seconds is sent SIGABRT, so its Python stack (the
children run with faulthandler on) shows where it hung, and the bench fails saying which
side it was.

    python bench/nlp_throughput.py [--articles 600] [--processes 1,2] [--repeat 1] [--timeout 1800]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.articles_db import add_articles
from bench.corpus import articles

TIMEOUT = 1800.0  # seconds per child; --timeout


def run_child(command: list[str], what: str) -> subprocess.CompletedProcess:
    """Run one timed child; a child still running after TIMEOUT is made to print its
    stack (SIGABRT, faulthandler) and the bench stops naming it, rather than waiting forever."""
    from pipeline import ONE_BLAS_THREAD  # here, not at the top: the raw child never imports pipeline.py

    env = {**os.environ, **ONE_BLAS_THREAD, "PYTHONFAULTHANDLER": "1"}
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = child.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGABRT)
        try:
            stdout, stderr = child.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            stdout, stderr = child.communicate()
        raise SystemExit(f"{what} did not finish within {TIMEOUT:g} s; its stack:\n{stderr[-6000:]}") from None
    return subprocess.CompletedProcess(command, child.returncode, stdout, stderr)


BATCH_SIZE = 64


def _pipe_share(texts: list[str]) -> int:
    for _ in _RAW_NLP.pipe(texts, batch_size=BATCH_SIZE):
        pass
    return len(texts)


_RAW_NLP = None


def raw_child(mode: str, processes: int, corpus: str) -> int:
    """Child process of the raw side: load the plain model, pipe the corpus, print timings."""
    global _RAW_NLP
    started = time.perf_counter()
    import spacy

    from nlp.loader import DEFAULT_MODEL

    texts = json.loads(Path(corpus).read_text())
    nlp = spacy.load(DEFAULT_MODEL)
    loaded = time.perf_counter()
    if mode == "spacy":
        for _ in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=processes):
            pass
    else:  # a forked pool of `processes`, each piping a contiguous share of the texts
        import multiprocessing

        _RAW_NLP = nlp
        share = -(-len(texts) // processes)
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            done = sum(pool.map(_pipe_share, [texts[i : i + share] for i in range(0, len(texts), share)]))
        assert done == len(texts)
    finished = time.perf_counter()
    print(json.dumps({"load": loaded - started, "pipe": finished - loaded}))
    return 0


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_raw(mode: str, processes: int, corpus: Path) -> tuple[float, float, float]:
    """(wall seconds from launch to exit, seconds of it before piping, CPU seconds) of one raw child."""
    cpu = children_cpu()
    started = time.perf_counter()
    command = [sys.executable, str(Path(__file__).resolve()), "--raw-child", mode, str(processes), str(corpus)]
    out = run_child(command, f"raw nlp.pipe ({mode}, {processes} process(es))")
    if out.returncode != 0:
        raise SystemExit(f"raw nlp.pipe ({mode}) failed ({out.returncode}): {out.stderr[-3000:]}")
    wall = time.perf_counter() - started
    timings = json.loads(out.stdout.strip().splitlines()[-1])
    return wall, wall - timings["pipe"], children_cpu() - cpu


def run_ours(processes: int, articles_count: int, tmp: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of `pipeline.py process --workers N` on a fresh database."""
    db = tmp / f"bench-{time.monotonic_ns()}.db"
    add_articles(db, articles_count)
    cpu = children_cpu()
    started = time.perf_counter()
    command = [sys.executable, str(ROOT / "pipeline.py"), "process", "--db", str(db), "--workers", str(processes)]
    result = run_child(command, f"pipeline.py process --workers {processes}")
    wall = time.perf_counter() - started
    cpu = children_cpu() - cpu
    if result.returncode != 0:
        raise SystemExit(f"pipeline.py process failed ({result.returncode}): {result.stderr[-3000:]}")
    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument(
        "--processes", default="1,2", help="comma-separated process counts: raw n_process and process --workers"
    )
    parser.add_argument("--workers", type=int, help="same as --processes N (one count)")
    parser.add_argument("--repeat", type=int, default=1, help="interleaved repetitions; the fastest counts")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds a child may take (default 1800)")
    parser.add_argument("--raw-child", nargs=3, metavar=("MODE", "N", "CORPUS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    global TIMEOUT
    TIMEOUT = args.timeout
    if args.raw_child:
        mode, processes, corpus = args.raw_child
        return raw_child(mode, int(processes), corpus)
    counts = [args.workers] if args.workers else [int(n) for n in args.processes.split(",") if n.strip()]
    from nlp.loader import DEFAULT_MODEL

    texts = list(articles(args.articles))
    words = sum(len(t.split()) for t in texts)
    print(
        f"command: python bench/nlp_throughput.py --articles {args.articles} "
        f"--processes {','.join(map(str, counts))} --repeat {args.repeat}"
    )
    print(f"corpus: {args.articles} generated articles, {words} words; raw batch_size={BATCH_SIZE}")
    raw_runs: dict[tuple[int, str], list[tuple[float, float]]] = {}
    ours_runs: dict[int, list[float]] = {}
    raw_cpu: dict[int, list[float]] = {}
    ours_cpu: dict[int, list[float]] = {}
    startup_runs: list[float] = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = tmp / "corpus.json"
        corpus.write_text(json.dumps(texts))
        for repeat in range(args.repeat):
            for n in counts:
                for mode in ("spacy", "fork") if n > 1 else ("spacy",):
                    wall, startup, cpu = run_raw(mode, n, corpus)
                    raw_runs.setdefault((n, mode), []).append((wall, startup))
                    raw_cpu.setdefault(n, []).append(cpu)
                    print(
                        f"  run {repeat + 1} N={n} raw ({mode}): {words / wall:.0f} words/s "
                        f"({wall:.1f} s, {startup:.1f} s of it start-up; {cpu:.1f} CPU s)",
                        flush=True,
                    )
                wall, cpu = run_ours(n, args.articles, tmp)
                ours_runs.setdefault(n, []).append(wall)
                ours_cpu.setdefault(n, []).append(cpu)
                print(
                    f"  run {repeat + 1} N={n} ours: {words / wall:.0f} words/s ({wall:.1f} s; {cpu:.1f} CPU s)",
                    flush=True,
                )
            startup_runs.append(run_ours(1, 0, tmp)[0])
            print(
                f"  run {repeat + 1} ours start-up (process on an empty database): {startup_runs[-1]:.1f} s", flush=True
            )
    ours_startup = min(startup_runs)
    for n in counts:
        modes = {mode: min(runs) for (k, mode), runs in raw_runs.items() if k == n}
        mode, (raw_wall, raw_startup) = min(modes.items(), key=lambda item: item[1][0])
        others = ", ".join(f"{m} {words / w:.0f} words/s" for m, (w, _) in modes.items() if m != mode)
        ours_wall = min(ours_runs[n])
        raw_rate, ours_rate = words / raw_wall, words / ours_wall
        raw_steady = words / (raw_wall - raw_startup)
        ours_steady = words / max(ours_wall - ours_startup, 1e-9)
        print(f"N={n}:")
        print(
            f"  raw nlp.pipe ({DEFAULT_MODEL}, all default components, {n} process(es), {mode}"
            f"{'; slower: ' + others if others else ''}): {raw_rate:.0f} words/s ({raw_wall:.1f} s end to end), "
            f"steady {raw_steady:.0f} words/s"
        )
        print(
            f"  pipeline.py process (end to end, --workers {n}, DB writes included): "
            f"{ours_rate:.0f} words/s ({ours_wall:.1f} s), steady {ours_steady:.0f} words/s"
        )
        print(
            f"  ratio process / raw: {ours_rate / raw_rate:.2f} end to end, {ours_steady / raw_steady:.2f} "
            f"steady (target >= 0.85); fastest of {args.repeat} run(s) each"
        )
        print(
            f"  CPU seconds: raw {min(raw_cpu[n]):.1f}, process {min(ours_cpu[n]):.1f}; "
            f"ratio raw / process {min(raw_cpu[n]) / min(ours_cpu[n]):.2f} (least of each side's runs)"
        )
    print(
        f"start-up: raw {min(s for runs in raw_runs.values() for _, s in runs):.1f} s, "
        f"ours {ours_startup:.1f} s (fastest)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
