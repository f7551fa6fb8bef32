"""The STAR interview sheet (``interview``): one application's preparation as template data.

The sheet's content is built by :mod:`resumegen.enrich.interview` from the
application's record, target, phrasebook and question bank; this module is
the document's entry in the registry.
"""

from __future__ import annotations

from typing import Any

from resumegen.enrich.application import Application

__all__ = ["build"]


def build(app: Application, paper: str = "a4") -> dict[str, Any]:
    """The interview sheet of *app* (a general one when it has no target)."""
    from resumegen.enrich.interview import build_sheet

    return build_sheet(
        app.record,
        app.target,
        today=app.today,
        book=app.resources.phrasebook,
        bank=app.resources.question_bank,
    )
