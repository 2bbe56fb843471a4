#!/usr/bin/env python3
"""Case linking as the archive grows: is the time per new article flat?

Builds an archive of reports (case events of named people, as `process` stores them) for
1,000 and then 20,000 cases, with names drawn so that family names and given names recur
(blocks of namesakes, as in real Khmer, Vietnamese or Thai coverage), then adds one night's
articles (some continuing stored cases, some new) and times the linking step of `process`
on them. Prints the time per new article at each size, which must not grow with the
archive, and the time of a full rebuild (`pipeline.py cases`) for comparison; then the
linking's CPU time per new article at each size, which other work on a busy machine
disturbs less than the wall time.

    python bench/case_linking.py [--sizes 1000,20000] [--new 100]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cases.linking import link_cases, link_new_reports
from storage import open_db
from storage.cases import report_id
from storage.schema import stable_id

# Family names recur, as in real coverage (Nguyen, Sok, Tan); given names are drawn from
# syllables, so two people share a whole name about as rarely as they do in the news.
FAMILY = (
    "Sok Chan Kim Lim Heng Chea Ouk Meas Pich Keo Nhem Chhun Nguyen Tran Le Pham Hoang Vu Dang Bui Do Ngo Tan "
    "Wong Lee Lim Ong Goh Ali Santos Cruz Reyes Garcia Wang Zhang Li Liu Chen Yang"
).split()
MIDDLE = ["Van", "Thi", "Duc", "Minh", "bin", "binti", "Kyaw", "Wei"]
ONSETS = "b ch d h k kh l m n ng p ph r s t th v y".split()
RIMES = "a ai am an ang ao ea eng i ia in oeun on ong ou u um un uth y".split()
STAGES = ["arrested", "charged", "on_trial", "convicted", "sentenced", "appeal_decided"]
SOURCES = [("kt", "KH"), ("pp", "KH"), ("bp", "TH"), ("vne", "VN"), ("star", "MY"), ("inq", "PH")]


class Archive:
    """A database of synthetic reports, written the way `process` writes them."""

    def __init__(self, path: Path, seed: int = 7):
        self.db = open_db(path)
        self.random = random.Random(seed)
        self.cases: list[tuple[str, int, str]] = []  # (name, age at the first report, source)
        self.articles = 0
        self.db["sources"].insert_all([{"id": s, "name": s, "country": c} for s, c in SOURCES], pk="id")

    def _name(self) -> str:
        r = self.random
        given = "".join(r.choice(ONSETS) + r.choice(RIMES) for _ in range(2)).capitalize()
        middle = [r.choice(MIDDLE)] if r.random() < 0.3 else []
        return " ".join([r.choice(FAMILY), *middle, given])

    def add_articles(self, count: int, continuing: float) -> list[str]:
        """`count` articles of one or two people each; `continuing` of them follow stored cases."""
        r, ids = self.random, []
        articles, entities, mentions, events = [], [], [], []
        for _ in range(count):
            self.articles += 1
            aid = f"a{self.articles:07d}"
            ids.append(aid)
            year = 2015 + r.randrange(10)
            source, _ = r.choice(SOURCES)
            articles.append(
                (aid, f"https://{source}.example/{aid}", source, f"{year}-0{r.randrange(1, 10)}-1{r.randrange(10)}")
            )
            for _person in range(1 + (r.random() < 0.4)):
                if self.cases and r.random() < continuing:
                    name, age, source = r.choice(self.cases)
                else:
                    name, age = self._name(), 20 + r.randrange(40)
                    self.cases.append((name, age, source))
                pid = stable_id("person", name)
                entities.append((pid, "person", name))
                mentions.append((stable_id(aid, pid), aid, pid, name, age))
                stage = r.choice(STAGES)
                rid = report_id(aid, pid)
                events.append((stable_id(aid, pid, stage), aid, pid, name, stage, rid))
        self.db.conn.executemany(
            "insert into articles (id, url, source_id, published, relevant) values (?, ?, ?, ?, 1)", articles
        )
        self.db.conn.executemany("insert or ignore into entities (id, kind, name) values (?, ?, ?)", entities)
        self.db.conn.executemany(
            "insert or ignore into mentions (id, article_id, entity_id, surface, age) values (?, ?, ?, ?, ?)", mentions
        )
        self.db.conn.executemany(
            "insert or ignore into events (id, article_id, person_id, person, stage, report_id) values (?, ?, ?, ?, ?, ?)",
            events,
        )
        self.db.conn.commit()
        return ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,20000", help="stored cases before the night's articles")
    parser.add_argument("--new", type=int, default=100, help="new articles in the night's run")
    args = parser.parse_args(argv)
    print(f"command: python bench/case_linking.py --sizes {args.sizes} --new {args.new}")
    print(
        f"{'stored cases':>12} {'reports':>8} {'new articles':>12} {'new reports':>11} "
        f"{'per new article':>16} {'full rebuild':>13}"
    )
    cpu = []
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(Path(tmp) / "archive.db")
        for size in (int(s) for s in args.sizes.split(",")):
            while len(archive.cases) < size:
                archive.add_articles(100, continuing=0.3)
            link_cases(archive.db)  # the archive as the last run left it
            stored = archive.db.execute("select count(*) from cases").fetchone()[0]
            archive.add_articles(args.new, continuing=0.5)
            started, cpu_started = time.perf_counter(), time.process_time()
            linked = link_new_reports(archive.db)
            per_article = (time.perf_counter() - started) / args.new
            cpu.append((stored, (time.process_time() - cpu_started) / args.new))
            started = time.perf_counter()
            link_cases(archive.db)
            rebuild = time.perf_counter() - started
            reports = archive.db.execute("select count(distinct report_id) from events").fetchone()[0]
            print(
                f"{stored:>12} {reports:>8} {args.new:>12} {linked['reports']:>11} "
                f"{per_article * 1000:>13.2f} ms {rebuild:>11.2f} s"
            )
    print("CPU per new article: " + ", ".join(f"{ms * 1000:.2f} ms at {stored} cases" for stored, ms in cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main())
