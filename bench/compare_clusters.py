"""Compare the records, item rows, duplicate links, clusters and totals of two stores built from the same input (e.g. two code versions).

    .venv/bin/python bench/compare_clusters.py A.db B.db

Prints, per table, the row counts and how many rows differ (every column, rows matched by id);
exits 1 if any differ.
"""

from __future__ import annotations

import sqlite3
import sys

TABLES = {
    # the stored records and item rows (not `ingested_at`, the time of the run)
    "articles (records)": "SELECT id, outlet_evidence, removed, record FROM articles ORDER BY id",
    # the columns both stores have (store version 11 adds rowid keys and references: `seq`, `article`, ...)
    "actors": "SELECT {common} FROM actors ORDER BY id",
    "statements": "SELECT {common} FROM statements ORDER BY id",
    "events": "SELECT {common} FROM events ORDER BY id",
    "event_actors": "SELECT {common} FROM event_actors ORDER BY event_id, role, position",
    "corpus_duplicates": "SELECT * FROM corpus_duplicates ORDER BY article_id",
    "corpus_minhash": "SELECT * FROM corpus_minhash ORDER BY doc",
    "corpus_outlet_totals": "SELECT * FROM corpus_outlet_totals ORDER BY source",
    "corpus_actor_totals": "SELECT * FROM corpus_actor_totals ORDER BY key",
    "corpus_statement_clusters": "SELECT * FROM corpus_statement_clusters ORDER BY id",
    # the columns of every version (store version 10 keys members by their item's rowid: `item`)
    "corpus_statement_members": "SELECT statement_id, cluster_id, article_id, source, duplicate"
                                " FROM corpus_statement_members ORDER BY statement_id",
    "corpus_event_clusters": "SELECT * FROM corpus_event_clusters ORDER BY id",
    "corpus_event_cluster_codes": "SELECT * FROM corpus_event_cluster_codes ORDER BY cluster_id, role, code",
    "corpus_event_members": "SELECT event_id, cluster_id, article_id, source, duplicate"
                            " FROM corpus_event_members ORDER BY event_id",
}


def main(argv: list[str] | None = None) -> int:
    a_path, b_path = (argv or sys.argv[1:])[:2]
    a, b = sqlite3.connect(a_path), sqlite3.connect(b_path)
    differ = False
    for table, sql in TABLES.items():
        if "{common}" in sql:
            columns = [{r[1] for r in c.execute(f"PRAGMA table_info({table})")} for c in (a, b)]
            sql = sql.format(common=", ".join(f"[{c}]" for c in sorted(columns[0] & columns[1])))
        ra, rb = a.execute(sql).fetchall(), b.execute(sql).fetchall()
        diff = sum(x != y for x, y in zip(ra, rb, strict=False)) + abs(len(ra) - len(rb))
        differ |= diff > 0
        print(f"{table:28} {len(ra):8,} vs {len(rb):8,} rows, {diff:,} differ")
    return int(differ)


if __name__ == "__main__":
    raise SystemExit(main())
