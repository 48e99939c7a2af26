"""Attack: make the exit status lie. 0 clean, 1 errors in the input or outputs not written, 2 bad arguments, 3 bug.

A full disk or a read-only folder is simulated by making the system calls
raise OSError (the tests run as root in CI, where chmod stops nothing). What
must not happen: a traceback, exit 3 for a full disk, a half-written or lost
previous build, a `rasim fmt` that truncates the file it formats.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from emit_helpers import REPO, STATE_VISIT
from rasim.cli.commands import main

FAST = ["--only", "timeline,json", "--lang", "en", "--quiet"]


def build(out: Path, *extra: str) -> int:
    return main(["build", str(STATE_VISIT), "--project", str(REPO / "scenarios"), "-o", str(out), *FAST, *extra])


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_zero_for_a_clean_build_and_one_for_errors_in_the_input(tmp_path, capsys):
    assert build(tmp_path / "out") == 0
    broken = tmp_path / "broken.rasim"
    broken.write_text("scenario broken {", encoding="utf-8")
    assert main(["check", str(broken)]) == 1
    assert main(["build", str(broken), "-o", str(tmp_path / "other"), *FAST]) == 1
    assert not (tmp_path / "other").exists()


def test_a_full_disk_is_cannot_write_with_the_path_and_the_previous_build_untouched(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert build(out) == 0
    before = contents(out)
    capsys.readouterr()
    monkeypatch.setattr(Path, "write_bytes", no_space)
    assert build(out) == 1
    err = capsys.readouterr().err
    assert "error[cannot-write]" in err and "No space left on device" in err
    assert f"{out}/" in err or "out/" in err, "the diagnostic names the file it could not write"
    assert "Traceback" not in err and "internal-error" not in err
    monkeypatch.undo()
    assert contents(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.rasim-lock", "out"], "no half-written folder left"


def test_a_read_only_folder_is_cannot_write(tmp_path, capsys, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr("rasim.emit.folder.tempfile.mkdtemp", read_only)
    assert build(tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert "error[cannot-write]" in err and "Read-only file system" in err and str(tmp_path) in err


def test_a_folder_that_cannot_be_made_is_cannot_write(tmp_path, capsys, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(Path, "mkdir", denied)
    assert build(tmp_path / "deep" / "out") == 1
    assert "Permission denied" in capsys.readouterr().err


def test_fmt_on_a_full_disk_is_a_diagnostic_and_keeps_the_file(tmp_path, capsys, monkeypatch):
    source = tmp_path / "x.rasim"
    original = 'import state_protocol\nscenario  x "X" { }\n'
    source.write_text(original, encoding="utf-8")
    opened = os.fdopen

    def fdopen_for_writing_fails(fd, mode="r", *args, **kwargs):
        # Reading the source opens it through os.fdopen too: only writing finds the disk full.
        if "w" in mode:
            no_space()
        return opened(fd, mode, *args, **kwargs)

    monkeypatch.setattr("rasim.cli.commands.os.fdopen", fdopen_for_writing_fails)
    assert main(["fmt", str(source)]) == 1
    err = capsys.readouterr().err
    assert "error[cannot-write]" in err and "No space left on device" in err and "x.rasim" in err
    assert source.read_text(encoding="utf-8") == original
    assert [p.name for p in tmp_path.iterdir()] == ["x.rasim"], "no temporary file left"


@pytest.mark.parametrize("arguments, message", [
    (["--revision", str(10**23)], "--revision takes a number from 0 to 2147483647"),
    (["--revision", "-1"], "--revision"),
    (["--max-output-mb", "0"], "--max-output-mb"),
    (["--only", "posters"], "--only takes"),
    (["--role", "court_jester"], "no role `court_jester`"),
    (["--pdf", "some"], "invalid choice"),
])
def test_two_for_bad_arguments(tmp_path, capsys, arguments, message):
    assert build(tmp_path / "out", *arguments) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("epoch", ["253402300800", "99999999999999999999", "-5", "soon", "１２"])
def test_source_date_epoch_out_of_range_is_a_usage_error(tmp_path, capsys, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert build(tmp_path / "out", "--timestamp") == 2
    assert "SOURCE_DATE_EPOCH must be a number of seconds from 0 to 253402300799" in capsys.readouterr().err


def test_the_last_second_of_9999_is_a_valid_source_date_epoch(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    assert build(tmp_path / "out", "--timestamp") == 0
    assert "9999-12-31 23:59 UTC" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_three_for_a_bug_with_a_diagnostic_not_a_traceback(tmp_path, capsys, monkeypatch):
    def bug(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("rasim.emit.timeline_text.timeline_text", bug)
    assert build(tmp_path / "out") == 3
    err = capsys.readouterr().err
    assert "error[internal-error]" in err and "Traceback" not in err
