"""The values the Plan's classes hold besides strings and numbers: labels in several languages, and citations.

Each has its JSON form (`to_json`) and reads it back (`from_json_value`, as
the codec calls it): a label is `{"en": ..., "kk": ...}`, a citation the line
every output prints, `§ 31, 32 of state_protocol@2013; § 5 of ...`. The Plan
is built from the model's citations clause by clause; only a plan read from
JSON (an earlier build's, for `--since`) has its lines split into clauses,
here, once.
"""

from __future__ import annotations

import re
from typing import Any

from attrs import frozen

from .codec import BadValue, Reading

_CONTROL = re.compile("[\x00-\x1f\x7f\x85\u2028\u2029]")
_CLAUSE = re.compile(r"§\s*(?P<articles>.+?)(?:\s+of\s+(?P<edition>\S+))?")


@frozen
class Label:
    """A text in English, Kazakh and any other language the declaration gives (`kk "..."`, `ru "..."`)."""

    en: str
    kk: str | None = None
    others: tuple[tuple[str, str | None], ...] = ()  # (language, text) besides en and kk, in the order given

    def get(self, lang: str) -> str | None:
        """Return the text in `lang` as given, or None where there is none."""
        if lang == "en":
            return self.en
        if lang == "kk":
            return self.kk
        return next((text for language, text in self.others if language == lang), None)

    def text(self, lang: str) -> str:
        """Return the text to show in `lang`: English where `lang` has none, control characters as spaces."""
        shown = self.get(lang) or self.en or self.kk or next((text for _, text in self.others if text), "")
        return _CONTROL.sub(" ", shown or "")

    def to_json(self) -> dict:
        """Return the label as `{"en": ..., "kk": ..., ...}`."""
        if not self.others:
            return {"en": self.en, "kk": self.kk}
        return {"en": self.en, "kk": self.kk, **dict(self.others)}

    @classmethod
    def from_json_value(cls, value: Any, reading: Reading) -> Label:
        """Read `{"en": ..., "kk": ...}` (and other languages), or raise BadValue."""
        if not isinstance(value, dict):
            raise BadValue("expected a label, {\"en\": ..., \"kk\": ...}")
        en, kk = value.get("en"), value.get("kk")
        if len(value) == 2 and type(en) is str and (type(kk) is str or (kk is None and "kk" in value)):
            found = reading.labels.get((en, kk))
            if found is None:
                found = reading.labels[(en, kk)] = cls(en, kk)
            return found
        for language, text in value.items():
            if text is not None and type(text) is not str:
                raise BadValue("expected a string or null", f".{language}")
        if type(en) is not str:
            raise BadValue("expected a string" if "en" in value else "missing", ".en")
        if "kk" not in value:
            raise BadValue("missing", ".kk")
        return cls(en, kk, tuple((k, v) for k, v in value.items() if k not in ("en", "kk")))


@frozen
class Clause:
    """The articles of one `§ ...` clause of a citation, all of one edition ("" where the clause names none)."""

    edition: str
    numbers: tuple[str, ...]
    written: str | None = None  # a part of a line read from JSON that is no `§ ...` clause, as written

    @property
    def text(self) -> str:
        """Return the clause as printed: `§ 10, 41 of state_protocol@2013`."""
        if self.written is not None:
            return self.written
        return "§ " + ", ".join(self.numbers) + (f" of {self.edition}" if self.edition else "")


@frozen
class Citation:
    """Where a row, a call, an ordering or an item comes from: its `§` clauses, each of one edition."""

    clauses: tuple[Clause, ...]
    # The line as a plan's JSON gave it, where it is spaced otherwise than the compiler writes it.
    written: str | None = None

    @property
    def text(self) -> str:
        """Return the citation as printed on every output: `§ 10, 41 of state_protocol@2013; § 5 of ...`."""
        if self.written is not None:
            return self.written
        return "; ".join(clause.text for clause in self.clauses)

    def to_json(self) -> str:
        """Return the citation as the Plan's JSON writes it: the printed line."""
        return self.text

    @classmethod
    def from_json_value(cls, value: Any, reading: Reading) -> Citation:
        """Read a citation line of a plan's JSON into its clauses, or raise BadValue."""
        if type(value) is not str:
            raise BadValue("expected a string or null")
        clauses = []
        for part in (p.strip() for p in value.split(";")):
            match = _CLAUSE.fullmatch(part)
            if match is None:
                if part:
                    clauses.append(Clause("", (), part))
                continue
            numbers = tuple(n.strip() for n in match.group("articles").split(",") if n.strip())
            clauses.append(Clause(match.group("edition") or "", numbers))
        found = cls(tuple(clauses))
        return found if found.text == value else cls(found.clauses, value)
