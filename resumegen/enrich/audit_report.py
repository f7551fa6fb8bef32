"""What the audit reports: each weak spot of a record (:class:`Finding`) and the whole report.

:func:`resumegen.enrich.audit.audit` makes them; ``resumegen check`` prints
:meth:`AuditReport.text` or :meth:`AuditReport.as_json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from resumegen.errors import Severity

__all__ = ["AuditReport", "Finding", "Severity"]

_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    """One weak spot of the record; ``line``/``column`` locate ``path`` (0 = unknown)."""

    severity: Severity
    path: str
    message: str
    suggestion: str
    line: int = 0
    column: int = 0

    def as_json(self) -> dict[str, object]:
        out: dict[str, object] = {
            "severity": self.severity,
            "path": self.path,
            "message": str(self.message),
            "suggestion": str(self.suggestion),
            "line": self.line,
            "column": self.column,
        }
        code = getattr(self.message, "code", None)  # the message id (audit.gap) when said so
        if code:
            out["code"] = code
        return out

    def format(self, source: str = "") -> str:
        """``FILE:LINE:COLUMN: key.path: message`` (an unknown position is left out)."""
        where = source or "<record>"
        if self.line:
            where += f":{self.line}:{self.column or 1}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def sort_key(self) -> tuple[int, bool, int, int, str]:
        return (_RANK[self.severity], self.line == 0, self.line, self.column, self.path)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@dataclass
class AuditReport:
    findings: list[Finding] = field(default_factory=list)
    achievements: int = 0
    quantified: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "findings": [f.as_json() for f in self.findings],
            "achievements": self.achievements,
            "quantified": self.quantified,
        }

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def failed(self, *, strict: bool = False) -> bool:
        """True when a finding is an error (or, with *strict*, a warning)."""
        failing = ("error", "warning") if strict else ("error",)
        return any(f.severity in failing for f in self.findings)

    def summary(self) -> str:
        """``5 achievements, 3 quantified; 1 error, 2 warnings, 1 info``.

        The command line speaks English whatever the record's language, so
        this line does too; the findings themselves are in the record's language.
        """
        return (
            f"{_plural(self.achievements, 'achievement')}, {self.quantified} quantified; "
            f"{_plural(self.count('error'), 'error')}, "
            f"{_plural(self.count('warning'), 'warning')}, {self.count('info')} info"
        )

    def text(self, source: str = "") -> str:
        """The report as ``resumegen check`` prints it: findings grouped by severity.

        Each group opens with a heading (``errors (1):``); each finding is one
        ``FILE:LINE:COLUMN: key.path: message`` line with its suggestion
        indented below; the summary line closes the report.
        """
        blocks: list[str] = []
        for severity, heading in (("error", "errors"), ("warning", "warnings"), ("info", "info")):
            group = [f for f in self.findings if f.severity == severity]
            if not group:
                continue
            lines = [f"{heading} ({len(group)}):"]
            for f in group:
                lines.append(f.format(source))
                if f.suggestion:
                    lines.append(f"    → {f.suggestion}")
            blocks.append("\n".join(lines))
        blocks.append(self.summary())
        return "\n\n".join(blocks)
