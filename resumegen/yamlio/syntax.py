"""Plain messages for YAML syntax errors, at the user's mistake rather than the parser's.

Part of :mod:`resumegen.yamlio`.
"""

from __future__ import annotations

import re

from ruamel.yaml import YAML
from ruamel.yaml import tokens as tk
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from resumegen.errors import RecordError
from resumegen.messages import Message, diagnostic
from resumegen.text import excerpt

__all__ = ["line_slip", "parse_error"]

_FRIENDLY = (("mapping values are not allowed here", Message("syntax.colon")),)
_CLOSERS = {"[": "]", "{": "}"}


# the parser's complaints that a slip on this line or the one before can cause
_KEY_TROUBLE = (
    "mapping values are not allowed here",
    "could not find expected ':'",
    "expected <block end>",
    "expected <block mapping key>",
)
_IDEOGRAPHIC_INDENT = Message("slip.ideographic_indent")
_FULL_WIDTH_COLON = Message("slip.full_width_colon")
_LEAD = re.compile(r"[ \u3000]*(?:-[ \u3000]+)*[ \u3000]*")
_FW_KEY = re.compile(r"[^\s:：#'\"\[{][^\s:：]*\s*(：)")
_TIGHT_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?![\s/])(.+)")
_NO_START = "%@`"  # characters YAML reserves: an unquoted value cannot begin with them


def line_slip(text: str) -> tuple[int, Message] | None:
    """(0-based column, message) of a Japanese typist's slip on one line of YAML, else None.

    The slips: a full-width space (U+3000) in the indentation, a full-width
    colon 「：」 after a key, and a key with no space after its colon
    (``title:助教``). *text* may also be a key or a value as the parser read it.
    """
    lead = _LEAD.match(text)
    assert lead is not None  # the pattern matches the empty string
    if "\u3000" in lead.group():
        return text.index("\u3000"), _IDEOGRAPHIC_INDENT
    rest = text[lead.end() :]
    colon = _FW_KEY.match(rest)
    if colon:
        return lead.end() + colon.start(1), _FULL_WIDTH_COLON
    tight = _TIGHT_KEY.fullmatch(rest.rstrip())
    if tight:
        key, value = tight.group(1), excerpt(tight.group(2).strip(), 20)
        return lead.end() + len(key), Message("slip.tight_colon", {"key": key, "value": value})
    return None


def _slip_near(lines: list[str], line: int, before: int | None) -> tuple[int, int, Message] | None:
    """A slip on the line *before* names (where the parser began a key), the line above *line*, or *line*."""
    seen = [n for n in (before, line - 1, line) if n is not None and 0 <= n < len(lines)]
    for n in dict.fromkeys(seen):
        slip = line_slip(lines[n])
        if slip is not None:
            return n, slip[0], slip[1]
    return None


def _unquoted_start(lines: list[str], line: int, col: int) -> Message:
    """The message for a value that begins with a reserved character such as ``%``."""
    ch = _char_at(lines, line, col)
    text = lines[line][col:].split(" #", 1)[0].rstrip()
    if re.search(r"[\[{]", lines[line][:col]):  # inside a flow list or map the value ends at , ] }
        text = re.split(r"[,\]}]", text, maxsplit=1)[0].rstrip()
    key = re.match(r"[ \t]*(?:-[ \t]+)*([^\s:#][^:#]*?):[ \t]*$", lines[line][:col])
    fix = f'{key.group(1)}: "{excerpt(text, 20)}"' if key else f'"{excerpt(text, 20)}"'
    return Message("syntax.unquoted_start", {"char": ch, "fix": fix})


def _char_at(lines: list[str], line: int, column: int) -> str:
    """The character at a 0-based mark, or "" past the end."""
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _explain(exc: MarkedYAMLError, lines: list[str]) -> tuple[int, int, Message]:
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
        return opener.line, opener.column, Message("syntax.unclosed_quote", {"quote": quote})
    if opener is not None and "flow" in context and "expected ','" in problem:
        bracket = _char_at(lines, opener.line, opener.column)
        closer = _CLOSERS.get(bracket)
        if closer and (line != opener.line or "<stream end>" in problem):
            return opener.line, opener.column, _unclosed(bracket)
    if any(trouble in problem for trouble in _KEY_TROUBLE):
        slip = _slip_near(lines, line, opener.line if opener is not None else None)
        if slip is not None:
            return slip
    if "that cannot start any token" in problem and _char_at(lines, line, col) in _NO_START:
        return line, col, _unquoted_start(lines, line, col)
    if "found character '\\t'" in problem:
        if col <= indent or not text[:col].strip():
            return line, col, Message("syntax.tab_indent")
        return line, col, Message("syntax.tab_separator")
    if "expected <block end>" in problem or "expected <block mapping key>" in problem:
        before = text[:col].rstrip()
        if col > indent and before.endswith(('"', "'")):
            return line, col, Message("syntax.after_quote")
        if col > indent and before.endswith(("]", "}")):
            return line, col, Message("syntax.after_bracket", {"bracket": before[-1]})
        if col <= indent:
            return line, col, Message("syntax.bad_indent")
    for needle, friendly in _FRIENDLY:
        if needle in problem:
            return line, col, friendly
    if opener is not None and context:
        slots = {"problem": problem, "context": context, "line": opener.line + 1}
        return line, col, Message("syntax.parser_context", slots)
    return line, col, Message("syntax.parser", {"problem": problem})


def _unclosed(bracket: str) -> Message:
    return Message("syntax.unclosed_bracket", {"bracket": bracket, "closer": _CLOSERS[bracket]})


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


def parse_error(exc: YAMLError, name: str, text: str, lang: str) -> RecordError:
    """The syntax error *exc* in *text* as one diagnostic, said in *lang*."""
    if isinstance(exc, MarkedYAMLError) and exc.problem_mark is not None:
        line, col, message = _explain(exc, text.split("\n"))
        opener = _unclosed_at_end(text) if "<stream end>" in str(exc.problem) else None
        if opener is not None:
            line, col, bracket = opener
            message = _unclosed(bracket)
        return RecordError([diagnostic(name, line + 1, col + 1, "", lang, message)])
    return RecordError([diagnostic(name, 0, 0, "", lang, Message("syntax.other", {"error": exc}))])
