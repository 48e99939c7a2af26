"""Read one side of a diff: an edition, a library file or folder, or a git revision of a path.

A side becomes a LibraryView: one edition's declarations lowered to the law
model (compiler/model/law.py), with the folder its article index is read
from. A git revision (`HEAD~1:stdlib/state_protocol/2024`) is read with
`git ls-tree` and `git show`, run without a shell, into a temporary folder
whose file names are checked before anything is written.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from attrs import frozen

from ..library.load import load_library
from ..resources import data_path

_EDITION = re.compile(r"[a-z][a-z0-9_]*@\d{4}")
_REVISION = re.compile(r"[A-Za-z0-9][A-Za-z0-9_./~^@{}-]*")
MAX_GIT_BYTES = 64 * 1024 * 1024
# Declarations compared as parts of another (a ceremony's steps), not on their own.
PARTS = frozenset({"step"})


class SideRefused(Exception):
    """A side cannot be read; the message says why."""


@frozen
class LibraryView:
    """One edition of one body of rules as the diff sees it: its lowered declarations by name."""

    shown: str  # the side as the user named it
    edition: str  # state_protocol@2013
    root: str  # the library folder the edition was read from
    articles_root: str  # the library folder its article index is read from
    models: dict  # name -> law model (Format, Ceremony, Role...) or Declared
    kinds: dict  # name -> kind ("visit format", "ceremony"...)

    @property
    def year(self) -> str:
        """Return the edition's year, as the citations print it (`2013 art. 91`)."""
        return self.edition.rpartition("@")[2]

    def articles(self):
        """Return the edition's article index, or None when no library holds one."""
        from ..library.articles import load_article_index

        return (load_article_index(self.edition, self.articles_root)
                or load_article_index(self.edition, str(data_path("stdlib"))))


def is_revision(text: str) -> bool:
    """Tell whether `text` names a git revision of a path (`HEAD~1:stdlib/...`) rather than a file."""
    revision, colon, _ = text.partition(":")
    return bool(colon) and bool(_REVISION.fullmatch(revision)) and not Path(text).exists()


def is_edition(text: str) -> bool:
    """Tell whether `text` names an edition of the installed library (`state_protocol@2013`)."""
    return bool(_EDITION.fullmatch(text)) and not Path(text).exists()


def read_side(text: str, stdlib: Path, work: Path, body: str | None = None) -> LibraryView:
    """Return the library view `text` names; `work` is a temporary folder the side may be copied into."""
    if is_edition(text):
        return view_of(text, stdlib, text, stdlib)
    if is_revision(text):
        folder = work / f"side{len(list(work.iterdir()))}"
        checkout(text, folder)
        return view_of(text, folder, None, stdlib, body)
    path = Path(text)
    if path.is_file():
        try:
            raw = path.read_bytes()
        except OSError as failure:
            raise SideRefused(f"{text}: cannot read it: {failure.strerror or failure}") from None
        return view_of_text(text, raw, stdlib, body)
    if path.is_dir():
        return view_of(text, path, None, _articles_root(path, stdlib), body)
    raise SideRefused(f"{text}: no such edition, file, folder or git revision")


def _articles_root(folder: Path, stdlib: Path) -> Path:
    """Return the library folder above `folder` that holds article indexes (a copy of stdlib), or `stdlib`."""
    for candidate in (folder, *folder.resolve().parents[:2]):
        if any(candidate.glob("*/*/articles.json")):
            return candidate
    return stdlib


def view_of(shown: str, root: Path, edition: str | None, articles_root: Path, body: str | None = None) -> LibraryView:
    """Return the view of `edition` (or of the one edition of `body` the library under `root` holds)."""
    library = load_library(str(root))
    if edition is None:
        found = sorted(ref for ref, e in library.editions.items() if body is None or e.body == body)
        if len(found) != 1:
            named = ", ".join(found) or "none"
            raise SideRefused(f"{shown}: a side must hold one edition of a body of rules (it holds {named})")
        edition = found[0]
    content = library.editions.get(edition)
    if content is None:
        raise SideRefused(f"{shown}: the library has no edition {edition}")
    return _view(shown, edition, content, root, articles_root)


def view_of_text(shown: str, raw: bytes, articles_root: Path, body: str | None = None) -> LibraryView:
    """Return the view of the one library file `raw` (read from `shown`), parsed here and not cached."""
    from ..library.load import _edition_content
    from ..source import normalise_text
    from ..syntax.parse import parse

    try:
        text = normalise_text(raw.decode("utf-8"))
    except UnicodeDecodeError as bad:
        raise SideRefused(f"{shown}: byte {bad.start} is not valid UTF-8") from None
    parsed = parse(text, shown)
    header = parsed.module.header
    if header is None:
        raise SideRefused(f"{shown}: not a file of rules (it has no `rules of BODY@YEAR` line)")
    edition = header.edition.text
    if body is not None and edition.partition("@")[0] != body:
        raise SideRefused(f"{shown}: holds {edition}, not an edition of {body}")
    content = _edition_content(edition, [(shown, text, parsed)])
    return _view(shown, edition, content, Path(shown).parent, articles_root)


def _view(shown: str, edition: str, content, root: Path, articles_root: Path) -> LibraryView:
    errors = [d for d in content.diagnostics if d.severity.value == "error"]
    if errors:
        raise SideRefused(f"{shown}: {errors[0].message} (`rasim check` shows every error)")
    from ..model.lower_law import lowered

    symbols = {name: s for name, s in sorted(content.symbols.items()) if s.kind not in PARTS}
    return LibraryView(shown, edition, str(root), str(articles_root), {name: lowered(s) for name, s in symbols.items()},
                       {name: s.kind for name, s in symbols.items()})


def checkout(text: str, folder: Path) -> None:
    """Write the .rasim files of `REVISION:PATH` into `folder`, read from the git repository of the working folder."""
    revision, _, inner = text.partition(":")
    inner = inner.strip("/") or "."
    if revision.startswith("-") or inner.startswith("-"):
        raise SideRefused(f"{text}: a revision or path may not start with `-`")
    listing = _git("ls-tree", "-r", "-z", "--full-tree", f"{revision}:{inner}" if inner != "." else revision)
    folder.mkdir(parents=True)
    wrote = 0
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name_bytes = entry.partition(b"\t")
        kind = meta.split(b" ")[1] if b" " in meta else b""
        name = name_bytes.decode("utf-8", "replace")
        if kind != b"blob" or not name.endswith((".rasim", "articles.json")):
            continue
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or any(p.startswith(".") for p in relative.parts):
            raise SideRefused(f"{text}: refusing the path {name!r} inside the revision")
        blob = _git("show", f"{revision}:{inner}/{name}" if inner != "." else f"{revision}:{name}")
        target = folder.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(blob)
        wrote += 1
    if not wrote:
        raise SideRefused(f"{text}: the revision holds no .rasim file there")


def _git(*arguments: str) -> bytes:
    """Run git with `arguments` (no shell) and return its output, or raise SideRefused with its message."""
    if shutil.which("git") is None:
        raise SideRefused("git is not installed: a revision cannot be read")
    try:
        done = subprocess.run(["git", *arguments], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as failure:
        raise SideRefused(f"git failed: {failure}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SideRefused(f"git {arguments[0]}: {message[0] if message else 'failed'}")
    if len(done.stdout) > MAX_GIT_BYTES:
        raise SideRefused(f"git {arguments[0]}: more than {MAX_GIT_BYTES:,} bytes")
    return done.stdout


def temporary_folder() -> tempfile.TemporaryDirectory:
    """Return a temporary folder for the sides copied from files and revisions."""
    return tempfile.TemporaryDirectory(prefix="rasim-diff-")
