"""Mutate valid Rasim files into broken ones, and run the whole pipeline on each.

The mutations are those an editor, a merge or an attacker makes: a token
deleted, duplicated or swapped with its neighbour, one identifier put in
place of another, extreme numbers, random Unicode, truncation, and two files
spliced together. `run_pipeline` parses, checks, schedules, plans and renders
the outputs (no PDFs) in process; only an exception counts as a finding, since
diagnostics are what broken input is for.
"""

from __future__ import annotations

import random
import re
import tempfile
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Real scenarios and the good check cases: inputs deep enough to reach the plan and the outputs.
SEED_FOLDERS = (ROOT / "scenarios", ROOT / "tests" / "cases" / "check" / "good")

TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|#[^\n]*|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|\d+(?:\.\d+)?|\w+|\.\.|<=|>=|\S')
NAME = re.compile(r"[^\W\d]\w*")
EXTREME_NUMBERS = ("0", "00", "1", "9" * 12, "2147483648", "100000000000000000000", "99999", "0.0000001",
                   "9999", "23:59", "24:00", "9:30", "00:00", "9999-12-31", "0001-01-01", "2024-02-29",
                   "2023-02-29", "1..0", "9..5", "-1", "1e9", "٩:٣٠", "٢٠٢٤")
UNICODE_SPICE = ("\x00", "\x1b[2J", "\u202e", "\u2066", "\ufeff", "\u200b", "\ud7ff", "е", "і", "ә", "\u0301",
                 "🇰🇿", "\r", "\t", "\x0c", "\u2028", "§", "\\", '"', "{", "}", "(", ")", "@", "#")


def seed_texts() -> list[str]:
    """Return the texts of the seed files, in a fixed order."""
    paths = sorted(p for folder in SEED_FOLDERS for p in folder.glob("*.rasim"))
    return [p.read_text(encoding="utf-8") for p in paths]


def mutate(text: str, rng: random.Random, other: str | None = None) -> str:
    """Return `text` with one to four random mutations applied."""
    for _ in range(rng.randint(1, 4)):
        text = rng.choice(MUTATIONS)(text, rng, other or text)
    return text


def _tokens(text: str) -> list[re.Match]:
    return list(TOKEN.finditer(text))


def _replace(text: str, match: re.Match, new: str) -> str:
    return text[:match.start()] + new + text[match.end():]


def delete_token(text, rng, other):
    tokens = _tokens(text)
    return _replace(text, rng.choice(tokens), "") if tokens else text


def duplicate_token(text, rng, other):
    tokens = _tokens(text)
    if not tokens:
        return text
    match = rng.choice(tokens)
    return _replace(text, match, match.group() + " " + match.group())


def swap_tokens(text, rng, other):
    tokens = _tokens(text)
    if len(tokens) < 2:
        return text
    i = rng.randrange(len(tokens) - 1)
    a, b = tokens[i], tokens[i + 1]
    return text[:a.start()] + b.group() + text[a.end():b.start()] + a.group() + text[b.end():]


def swap_identifiers(text, rng, other):
    names = sorted(set(NAME.findall(text)))
    if len(names) < 2:
        return text
    a, b = rng.sample(names, 2)
    return re.sub(rf"\b{re.escape(a)}\b", b, text, count=rng.randint(1, 3))


def extreme_number(text, rng, other):
    numbers = [m for m in _tokens(text) if m.group()[0].isdigit()]
    if not numbers:
        return text + " " + rng.choice(EXTREME_NUMBERS)
    return _replace(text, rng.choice(numbers), rng.choice(EXTREME_NUMBERS))


def random_unicode(text, rng, other):
    at = rng.randint(0, len(text))
    if rng.random() < 0.5:
        spice = rng.choice(UNICODE_SPICE)
    else:
        spice = "".join(chr(rng.choice((rng.randint(0x20, 0x7E), rng.randint(0, 0x10FFFF))))
                        for _ in range(rng.randint(1, 8)))
        spice = "".join(c for c in spice if not 0xD800 <= ord(c) <= 0xDFFF)
    return text[:at] + spice + text[at:]


def truncate(text, rng, other):
    return text[:rng.randint(0, len(text))]


def splice(text, rng, other):
    return text[:rng.randint(0, len(text))] + other[rng.randint(0, len(other)):]


MUTATIONS = (delete_token, duplicate_token, swap_tokens, swap_identifiers, extreme_number, random_unicode,
             truncate, splice)


class Pipeline:
    """Compile texts end to end in a scratch folder, in process."""

    def __init__(self) -> None:
        from rasim.driver import Options
        from rasim.resources import data_path

        self.folder = Path(tempfile.mkdtemp(prefix="rasim-fuzz-"))
        self.options = Options(stdlib=data_path("stdlib"), project_root=self.folder, editions={})

    def run(self, text: str) -> str | None:
        """Compile and render `text`; return the traceback of an exception, or None."""
        from rasim.driver import compile_file
        from rasim.emit.build import BuildOptions, render_outputs

        path = self.folder / "fuzz.rasim"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            compiled = compile_file(path, "fuzz.rasim", self.options)
            if compiled.plan is not None:
                render_outputs(compiled.plan, BuildOptions(kinds=frozenset({"timeline", "json", "calendar",
                                                                            "runsheet"})))
        except Exception:  # noqa: BLE001 - every exception is a finding
            return traceback.format_exc()
        return None
