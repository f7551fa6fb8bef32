"""Which metrics an achievement without figures could add, from the metric catalogue.

The audit names them in its "no figures" finding; the interview sheet asks
for them (:mod:`resumegen.enrich.episodes`).
"""

from __future__ import annotations

import re

from resumegen.record.model import Achievement, Position, Star
from resumegen.resources.catalogue import MetricHint, ProfileCatalogue

__all__ = ["suggest_metrics"]


def _keyword_in(keyword: str, text: str, lang: str) -> bool:
    if lang == "ja":
        return keyword in text
    return re.search(rf"(?i)(?<![A-Za-z]){re.escape(keyword)}", text) is not None


def suggest_metrics(
    achievement: Achievement,
    position: Position | None,
    profile: ProfileCatalogue,
    lang: str,
    *,
    limit: int = 3,
) -> list[MetricHint]:
    """2–3 metrics fitting *achievement*: keyword matches first, then the profile's defaults.

    The achievement's own words (summary, tags, STAR) count double; the
    position's duties once, since they describe the job rather than this result.
    """
    own = " ".join([achievement.summary, *achievement.tags, *_star_texts(achievement.star)])
    context = " ".join(position.duties) if position is not None else ""
    scored: list[tuple[int, int, MetricHint]] = []
    for order, m in enumerate(profile.metrics):
        score = sum(
            2 * _keyword_in(k, own, lang) + _keyword_in(k, context, lang) for k in m.keywords
        )
        if score:
            scored.append((-score, order, m))
    chosen = [m for _, _, m in sorted(scored, key=lambda t: (t[0], t[1]))][:limit]
    if len(chosen) < 2:
        for mid in profile.defaults:
            m = profile.by_id(mid)
            if len(chosen) >= limit:
                break
            if m not in chosen:
                chosen.append(m)
    return chosen


def _star_texts(star: Star | None) -> list[str]:
    if star is None:
        return []
    return [t for t in (getattr(star, p) for p in Star.PARTS) if t]
