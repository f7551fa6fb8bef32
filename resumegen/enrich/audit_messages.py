"""The audit's messages: ``audit.<key>`` of the one catalogue, :data:`resumegen.messages.MESSAGES`.

Each finding of ``resumegen check`` (and of a text verified against the
record) says what is wrong and what to do in the language that
:func:`~resumegen.messages.message_lang` picks for messages about that
record or text, the rule every message follows: ``RESUMEGEN_LANG`` when
it is set, else the language of the record (or of the text).
"""

from __future__ import annotations

from dataclasses import dataclass

from resumegen.messages import message_lang, say

__all__ = ["AuditMessages", "Said", "audit_messages"]


class Said(str):
    """A finding's sentence, and the message id it was said from (``code`` in JSON)."""

    code: str

    def __new__(cls, text: str, code: str) -> Said:
        said = super().__new__(cls, text)
        said.code = code
        return said


@dataclass(frozen=True)
class AuditMessages:
    """The audit's messages in one language."""

    lang: str

    def say(self, key: str, **slots: object) -> Said:
        """The message ``audit.<key>`` with *slots* filled in."""
        return Said(say(self.lang, f"audit.{key}", **slots), f"audit.{key}")


def audit_messages(lang: str) -> AuditMessages:
    """The messages about a record (or text) in *lang*, in the language the rule picks."""
    return AuditMessages(message_lang(lang))
