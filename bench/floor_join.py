"""The storage floor of a join: the rows a join wrote, inserted again with plain sqlite3.

    python bench/floor_join.py template SOURCE TEMPLATE   # once: SOURCE's schema, no records
    python bench/floor_join.py insert SOURCE TARGET       # timed: TARGET a copy of TEMPLATE

SOURCE is a database `mentor join` made. The template keeps its schema, triggers, full-text
index and the join's undo entry, with every record removed; `insert` copies every record of
SOURCE into a copy of it, one `executemany` per table in one transaction, so the same triggers
fire and the same full-text index is built. What a join costs beyond this is mentor's own
work: reading and checking the change logs, merging, and the sync state it keeps.
"""

from __future__ import annotations

import sqlite3
import sys

from mentorcli.store.exchange import SECTIONS

# Parents before children, as the rows reference each other: the order an import writes.
TABLES = tuple(section.table for section in SECTIONS)
KEPT = ("tombstone", "undo_change", "sync_record", "sync_note", "sync_read", "sync_alias")


def template(source: str, target: str) -> None:
    conn = sqlite3.connect(source)
    try:
        conn.execute("VACUUM INTO ?", (target,))
    finally:
        conn.close()
    conn = sqlite3.connect(target)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        with conn:
            for table in reversed(TABLES):
                conn.execute(f"DELETE FROM {table}")
            for table in KEPT:
                conn.execute(f"DELETE FROM {table}")
        conn.execute("VACUUM")
    finally:
        conn.close()


def insert(source: str, target: str) -> None:
    read = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    write = sqlite3.connect(target, isolation_level=None)
    try:
        write.execute("PRAGMA foreign_keys = ON")
        write.execute("BEGIN IMMEDIATE")
        write.execute("PRAGMA defer_foreign_keys = ON")  # a link may point at a later row
        for table in TABLES:
            cursor = read.execute(f"SELECT * FROM {table} ORDER BY id")
            names = [column[0] for column in cursor.description]
            marks = ", ".join("?" for _ in names)
            write.executemany(
                f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", cursor.fetchall()
            )
        write.execute("COMMIT")
    finally:
        read.close()
        write.close()


if __name__ == "__main__":
    {"template": template, "insert": insert}[sys.argv[1]](sys.argv[2], sys.argv[3])
