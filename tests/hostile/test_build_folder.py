"""Attack: make a build wipe a user's folder, or lose files a user put in an earlier build, or race two builds.

Before, an empty `.rasim-build` file in any folder let `rasim build -o` that
folder replace it as a whole, and files added to an earlier build folder
went with it. Now a folder is replaced only when its manifest lists every
file in it with the bytes it has; anything else is named in a refusal (exit
1, `output-folder-refused`) and nothing is deleted. Builds into one folder
wait for each other. `rasim fmt` on a symbolic link rewrites the file it
points to and keeps the link.
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from pathlib import Path

import pytest

from emit_helpers import REPO, STATE_VISIT
from rasim.cli.commands import main
from rasim.emit.folder import MANIFEST

FAST = ["--only", "timeline", "--lang", "en", "--quiet"]


def build(out: Path, *extra: str) -> int:
    return main(["build", str(STATE_VISIT), "--project", str(REPO / "scenarios"), "-o", str(out), *FAST, *extra])


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_an_empty_marker_does_not_let_a_build_wipe_a_folder(tmp_path, capsys):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.tex").write_text("years of work")
    (thesis / MANIFEST).write_bytes(b"")
    assert build(thesis) == 1
    err = capsys.readouterr().err
    assert "error[output-folder-refused]" in err and "no valid .rasim-build manifest" in err
    assert (thesis / "chapter1.tex").read_text() == "years of work"


def test_a_forged_manifest_that_does_not_match_the_files_authorises_nothing(tmp_path, capsys):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.tex").write_text("years of work")
    (thesis / MANIFEST).write_text(json.dumps({"format": "rasim-build-manifest", "version": 1, "files": {}}))
    assert build(thesis) == 1
    assert "files that the last build did not write: chapter1.tex" in capsys.readouterr().err
    assert (thesis / "chapter1.tex").exists()


def test_files_added_or_changed_in_an_earlier_build_are_named_and_kept(tmp_path, capsys):
    out = tmp_path / "out"
    assert build(out) == 0
    (out / "my-notes.txt").write_text("call the florist")
    (out / "drafts").mkdir()
    (out / "drafts" / "speech.txt").write_text("draft")
    (out / "en" / "timeline.txt").write_text("my corrected timeline")
    before = contents(out)
    capsys.readouterr()
    assert build(out) == 1
    err = capsys.readouterr().err
    assert "files that the last build did not write: drafts/, my-notes.txt" in err
    assert "files changed since the last build: en/timeline.txt" in err
    assert contents(out) == before, "nothing was deleted or replaced"


def test_an_untouched_earlier_build_is_replaced(tmp_path):
    out = tmp_path / "out"
    assert build(out, "--revision", "1") == 0
    manifest = json.loads((out / MANIFEST).read_text())
    assert sorted(manifest["files"]) == sorted(n for n in contents(out) if n != MANIFEST)
    os.unlink(out / "en" / "timeline.txt")  # a file the user deleted is not theirs to lose
    assert build(out, "--revision", "2") == 0
    assert (out / "en" / "timeline.txt").is_file(), "the folder was built again"


def test_a_symbolic_link_inside_an_earlier_build_is_named(tmp_path, capsys):
    out = tmp_path / "out"
    assert build(out) == 0
    (out / "link").symlink_to(tmp_path)
    assert build(out) == 1
    assert "did not write: link" in capsys.readouterr().err
    assert (out / "link").is_symlink()


def test_builds_into_one_folder_wait_for_each_other(tmp_path, monkeypatch):
    out = tmp_path / "out"
    lock = os.open(tmp_path / ".out.rasim-lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)  # another build holds the folder
    waiting = threading.Event()
    import sys

    real_write = sys.stderr.write

    def write(text: str) -> int:
        if "waiting for another build" in text:
            waiting.set()
        return real_write(text)

    monkeypatch.setattr(sys.stderr, "write", write)
    result = []
    worker = threading.Thread(target=lambda: result.append(build(out)))
    worker.start()
    try:
        assert waiting.wait(timeout=120), "the second build did not wait for the lock"
        assert not out.exists(), "nothing is written while another build holds the folder"
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        os.close(lock)
        worker.join(timeout=300)
    assert result == [0] and (out / "en" / "timeline.txt").is_file()


def test_fmt_on_a_symbolic_link_formats_the_target_and_keeps_the_link(tmp_path):
    real = tmp_path / "real.rasim"
    real.write_text('import state_protocol\nscenario  x "X" { }\n', encoding="utf-8")
    link = tmp_path / "link.rasim"
    link.symlink_to(real)
    assert main(["fmt", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "scenario  x" not in real.read_text(encoding="utf-8")
    assert main(["fmt", "--check", str(link)]) == 0, "the target is formatted"


@pytest.mark.parametrize("kind", ["file", "symlink"])
def test_a_target_that_is_not_a_folder_is_refused(tmp_path, capsys, kind):
    target = tmp_path / "out"
    if kind == "file":
        target.write_text("mine")
    else:
        target.symlink_to(tmp_path)
    assert build(target) == 1
    assert "is not a folder" in capsys.readouterr().err
    assert target.is_symlink() if kind == "symlink" else target.read_text() == "mine"
