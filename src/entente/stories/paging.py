"""Pages read by walking indexes in order, so that a page costs its length, not its matches.

A filter with an OR across columns ("CHN as source or as target") cannot be answered from one index
in order: the database reads and sorts every match before it keeps a page. Such a filter is split
into disjoint branches instead, each a select that walks its own index in the page's order; the
database merges them (``UNION ALL`` under one ``ORDER BY``, a merge of ordered streams on SQLite
and PostgreSQL alike) and stops at the page's end. A listing made of parts that follow one another
(dated events, then undated ones) is read part by part, each part a :class:`Segment`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import CompoundSelect, Connection, Row, Select, func, select, union_all


@dataclass
class Segment:
    """One part of a listing: disjoint selects of the same columns, merged in ``order``.

    Every row of a segment sorts after every row of the segment before it.
    """

    selects: Sequence[Select[Any]]
    order: Sequence[Any]

    def statement(self) -> Select[Any] | CompoundSelect:
        """The segment's rows in order (one select, or the branches merged)."""
        if len(self.selects) == 1:
            return self.selects[0].order_by(*self.order)
        return union_all(*self.selects).order_by(*self.order)

    def count(self, conn: Connection) -> int:
        """How many rows the segment holds (each branch counted on its own index)."""
        return sum(
            int(conn.execute(select(func.count()).select_from(s.subquery())).scalar_one())
            for s in self.selects
        )


def read_page(
    conn: Connection, segments: Sequence[Segment], limit: int | None, offset: int = 0
) -> list[Row[Any]]:
    """``limit`` rows (None: all) after skipping ``offset``, across the segments in order.

    A segment is counted only when the offset skips past all of it, so a first page never counts.
    """
    rows: list[Row[Any]] = []
    skip = offset
    for segment in segments:
        want = None if limit is None else limit - len(rows)
        if want == 0:
            break
        stmt = segment.statement()
        if skip:
            stmt = stmt.offset(skip)
        if want is not None:
            stmt = stmt.limit(want)
        got = list(conn.execute(stmt))
        # rows came back only if the offset ended inside this segment; else skip what it holds
        skip = 0 if got or not skip else max(0, skip - segment.count(conn))
        rows += got
    return rows
