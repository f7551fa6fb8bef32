"""Plain messages for YAML syntax errors, at the user's mistake rather than the parser's.

Part of :mod:`resumegen.yamlio`.
"""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml import tokens as tk
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from resumegen.errors import RecordError

_FRIENDLY = (
    (
        "mapping values are not allowed here",
        "unexpected `:` here; check the indentation, or quote a value that contains `: `",
    ),
)
_CLOSERS = {"[": "]", "{": "}"}


def _char_at(lines: list[str], line: int, column: int) -> str:
    """The character at a 0-based mark, or "" past the end."""
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _explain(exc: MarkedYAMLError, lines: list[str]) -> tuple[int, int, str]:
    """0-based (line, column) and a plain message for a YAML syntax error.

    The parser reports where it gave up, which for an unclosed quote or
    bracket is the end of the file or the next line; the user's mistake is
    the opener, so the error points there instead.
    """
    mark = exc.problem_mark
    assert mark is not None
    line, col = mark.line, mark.column
    problem = str(exc.problem or "YAML syntax error")
    context = str(exc.context or "")
    opener = exc.context_mark
    text = lines[line] if 0 <= line < len(lines) else ""
    indent = len(text) - len(text.lstrip(" "))
    if opener is not None and "quoted scalar" in context and "end of stream" in problem:
        quote = _char_at(lines, opener.line, opener.column) or '"'
        return (
            opener.line,
            opener.column,
            f"this `{quote}` opens a quoted value that is never closed; add the closing `{quote}`",
        )
    if opener is not None and "flow" in context and "expected ','" in problem:
        bracket = _char_at(lines, opener.line, opener.column)
        closer = _CLOSERS.get(bracket)
        if closer and (line != opener.line or "<stream end>" in problem):
            return (
                opener.line,
                opener.column,
                f"this `{bracket}` is never closed; add `{closer}` at the end of its value",
            )
    if "found character '\\t'" in problem:
        if col <= indent or not text[:col].strip():
            return line, col, "a tab character cannot indent YAML; use spaces"
        return line, col, "a tab character cannot separate YAML here; use a space"
    if "expected <block end>" in problem or "expected <block mapping key>" in problem:
        before = text[:col].rstrip()
        if col > indent and before.endswith(('"', "'")):
            return (
                line,
                col,
                "text after a closing quote; quote the whole value or leave the quotes out",
            )
        if col > indent and before.endswith(("]", "}")):
            return (
                line,
                col,
                f"text after a closing `{before[-1]}`; a value starting with `[` or `{{` "
                "is a list or a map, so quote it if it is text",
            )
        if col <= indent:
            return (
                line,
                col,
                "bad indentation: this line does not line up with the lines above",
            )
    for needle, friendly in _FRIENDLY:
        if needle in problem:
            return line, col, friendly
    if opener is not None and context:
        problem += f" ({context} at line {opener.line + 1})"
    return line, col, problem


def _unclosed_at_end(text: str) -> tuple[int, int, str] | None:
    """The innermost `[` or `{` still open when *text* ends, as (line, column, bracket)."""
    openers: list[tuple[int, int, str]] = []
    try:
        for token in YAML(typ="safe", pure=True).scan(text):
            if isinstance(token, (tk.FlowSequenceStartToken, tk.FlowMappingStartToken)):
                mark = token.start_mark
                openers.append((mark.line, mark.column, str(token.id)))
            elif isinstance(token, (tk.FlowSequenceEndToken, tk.FlowMappingEndToken)) and openers:
                openers.pop()
    except YAMLError:
        return None
    return openers[-1] if openers else None


def parse_error(exc: YAMLError, name: str, text: str) -> RecordError:
    if isinstance(exc, MarkedYAMLError) and exc.problem_mark is not None:
        line, col, message = _explain(exc, text.split("\n"))
        opener = _unclosed_at_end(text) if "<stream end>" in str(exc.problem) else None
        if opener is not None:
            line, col, bracket = opener
            message = f"this `{bracket}` is never closed; add `{_CLOSERS[bracket]}` at the end of its value"
        return RecordError.single(name, line + 1, col + 1, "", message)
    return RecordError.single(name, 0, 0, "", f"YAML syntax error: {exc}")
