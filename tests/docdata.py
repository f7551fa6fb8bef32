"""Test helpers: a document's template data straight from a record.

The documents read an :class:`Application`; these helpers make one for the
record (and target, date, phrasebook) a test names, so a test can ask for
what a template receives in one call.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

from resumegen.documents import resume, rirekisho, shokumu
from resumegen.enrich.application import Application, Resources, enrich
from resumegen.record.model import Achievement, Person, Position, Record, Target
from resumegen.text import NO_BREAK_SPACE, WORD_JOINER


def as_read(docx: bytes) -> bytes:
    """A rendered .docx with the text a reader sees: narrow no-break spaces as spaces,
    no word joiners.

    Japanese documents hold a figure to its word or counter with them
    (:func:`resumegen.text.keep_together`); tests compare the words.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.endswith(".xml"):
                text = data.decode("utf-8")
                data = text.replace(NO_BREAK_SPACE, " ").replace(WORD_JOINER, "").encode("utf-8")
            zout.writestr(info, data)
    return out.getvalue()


def app_of(
    record: Record, target: Target | None = None, today: date | None = None, book: Any = None
) -> Application:
    return enrich(record, target, resources=Resources(record.lang, book=book), today=today)


def shokumu_context(
    record: Record, *, target: Target | None = None, today: date | None = None, book: Any = None
) -> dict[str, Any]:
    return shokumu.build(app_of(record, target, today, book))


def resume_context(
    record: Record, *, target: Target | None = None, today: date | None = None, paper: str = "a4"
) -> dict[str, Any]:
    return resume.build(app_of(record, target, today), paper)


def rirekisho_context(
    record: Record,
    *,
    today: date | None = None,
    target: Target | None = None,
    photo_loader: Any = None,
) -> dict[str, Any]:
    return rirekisho.rirekisho_data(app_of(record, target, today), photo_loader)


def ordered_positions(record: Record) -> list[Position]:
    return list(app_of(record).positions)


def ordered_achievements(position: Position, target: Target | None) -> list[Achievement]:
    record = Record(schema=1, lang="ja", person=Person(name="-"), work=(position,))
    return app_of(record, target).achievements(position)


def exit_fact(position: Position, record: Record, book: Any) -> str | None:
    return app_of(record, book=book).exit_fact(position)


def target_line(record: Record, target: Target | None) -> str:
    return shokumu.target_line(app_of(record, target))
