"""`rasim build` and `rasim watch`: what they write, what they refuse, and that a failure writes nothing."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from emit_helpers import REPO, STATE_VISIT, plan_of, typed
from rasim.cli.commands import main
from rasim.emit import build as build_module
from rasim.emit.build import MARKER, BuildOptions, build_outputs
from rasim.emit.runsheet import runsheets

FAST = ["--only", "timeline,json", "--lang", "en"]
LOCK = ".out.rasim-lock"  # the lock that serialises builds into `out`, kept beside it


def _build(*arguments: str) -> int:
    return main(["build", str(STATE_VISIT), "--project", str(REPO / "scenarios"), *arguments])


def test_build_writes_the_outputs_and_a_marker(tmp_path: Path):
    out = tmp_path / "out"
    assert _build("-o", str(out), *FAST) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        MARKER, "en/timeline.txt", "index.html", "plan.json", "timeline.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK, "out"], "no temporary folder is left behind"


def test_build_replaces_an_earlier_build_as_a_whole(tmp_path: Path):
    out = tmp_path / "out"
    assert _build("-o", str(out), "--only", "calendar", "--lang", "en") == 0
    assert (out / "en" / "calendar" / "guest.ics").is_file()
    assert _build("-o", str(out), *FAST) == 0
    assert not (out / "en" / "calendar").exists()
    assert (out / "en" / "timeline.txt").is_file()


def test_build_refuses_a_folder_it_did_not_make(tmp_path: Path, capsys):
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.txt").write_text("keep me")
    assert _build("-o", str(mine), *FAST) == 1
    assert "error[output-folder-refused]" in capsys.readouterr().err
    assert [p.name for p in mine.iterdir()] == ["thesis.txt"]


def test_a_failing_build_leaves_the_previous_one_in_place(tmp_path: Path, monkeypatch):
    out = tmp_path / "out"
    plan = plan_of(STATE_VISIT)
    build_outputs(typed(plan), out, BuildOptions(kinds=frozenset({"timeline"}), languages=("en",)))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def broken(*args, **kwargs):
        raise RuntimeError("the disk caught fire")

    monkeypatch.setattr("rasim.emit.calendar.calendars", broken)
    with pytest.raises(RuntimeError):
        build_outputs(typed(plan), out, BuildOptions(kinds=frozenset({"timeline", "calendar"}), languages=("en",)))
    monkeypatch.undo()

    monkeypatch.setattr(build_module.Path, "write_bytes", broken)
    with pytest.raises(RuntimeError):
        build_outputs(typed(plan), out, BuildOptions(kinds=frozenset({"json"}), languages=("en",)))
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK, "out"], "the half-written folder was removed"


def test_a_scenario_with_errors_builds_nothing(tmp_path: Path, capsys):
    broken = tmp_path / "broken.rasim"
    broken.write_text('scenario x "X" {\n  program { day 1 { 09:00 no_such_ceremony } }\n}\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(broken), "-o", str(out), *FAST]) == 1
    assert "nothing was built" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize("arguments, message", [
    (["--only", "timeline,posters"], "--only takes"),
    (["--role", "court_jester"], "no role `court_jester`"),
    (["--since", "/no/such/plan.json"], "--since"),
    (["--revision", "-1"], "--revision"),
])
def test_bad_build_arguments_are_usage_errors(tmp_path: Path, capsys, arguments, message):
    assert _build("-o", str(tmp_path / "out"), "--lang", "en", *arguments) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_one_role_view_with_its_pdf(tmp_path: Path):
    out = tmp_path / "out"
    assert _build("-o", str(out), "--only", "runsheet,pdf,calendar", "--lang", "en", "--role", "rector") == 0
    runsheet = sorted(p.name for p in (out / "en" / "runsheet").iterdir())
    assert runsheet == ["role-rector.html", "role-rector.pdf"]
    assert (out / "en" / "runsheet" / "role-rector.pdf").read_bytes().startswith(b"%PDF-")
    assert sorted(p.name for p in (out / "en" / "calendar").iterdir()) == ["rector.ics"]


def test_since_marks_the_changed_rows_and_lists_the_changes():
    plan = plan_of(STATE_VISIT)
    previous = plan_of(STATE_VISIT)
    moved = previous["rows"][5]
    moved["start"] = dict(moved["start"], time="06:00")
    dropped = previous["rows"].pop(0)
    previous["rows"].append(dict(dropped, cue="ZZ-01"))
    html = runsheets(typed(plan), "en", revision=3, previous=typed(previous))["master"]
    assert f'id="cue-{moved["cue"]}" class="row changed' in html
    assert f'id="cue-{dropped["cue"]}" class="row changed' in html, "a row new since the last revision is marked"
    changes = html.split('<section class="first changes">', 1)[1].split("</section>", 1)[0]
    assert "06:00" in changes and "ZZ-01" in changes and "removed" in changes
    assert "Revision 3" in html
    unmarked = runsheets(typed(plan), "en", revision=3, previous=typed(plan))["master"]
    assert "class=\"row changed" not in unmarked and "No row changed." in unmarked


def test_since_reads_an_earlier_build_folder(tmp_path: Path):
    first, second = tmp_path / "r1", tmp_path / "r2"
    assert _build("-o", str(first), "--only", "runsheet", "--lang", "en", "--revision", "1") == 0
    assert json.loads((first / "plan.json").read_text(encoding="utf-8"))["rows"]
    assert _build("-o", str(second), "--only", "runsheet", "--lang", "en", "--revision", "2",
                  "--since", str(first)) == 0
    master = (second / "en" / "runsheet" / "master.html").read_text(encoding="utf-8")
    assert "No row changed." in master and "Revision 2" in master


@pytest.mark.timeout(600)
def test_watch_rebuilds_on_save(tmp_path: Path):
    scenario = tmp_path / "visit.rasim"
    scenario.write_bytes(STATE_VISIT.read_bytes())
    out = tmp_path / "out"
    command = [sys.executable, "-m", "rasim", "watch", str(scenario), "-o", str(out), "--interval", "0.1", *FAST]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    arrived: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        for line in process.stdout:
            arrived.put(line)
        arrived.put(None)

    threading.Thread(target=read, daemon=True).start()

    def wait_for(text: str, timeout: float = 120) -> None:
        # A reader thread, so that a silent `rasim watch` fails the test instead of hanging it.
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = arrived.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            lines.append(line)
            if text in line:
                return
        pytest.fail(f"`rasim watch` did not print {text!r}:\n{''.join(lines)}")

    try:
        wait_for("watching")
        assert "built" in "".join(lines)
        marker = out / MARKER
        os.utime(marker, (0, 0))  # a rebuild replaces the folder, and with it this old file
        time.sleep(0.05)
        scenario.write_text(scenario.read_text(encoding="utf-8") + "# saved again\n", encoding="utf-8")
        wait_for("changed:")
        wait_for("built")
        assert marker.stat().st_mtime > 0, "the outputs were rebuilt"
        scenario.write_text("scenario broken {", encoding="utf-8")
        wait_for("nothing was built")
        assert (out / "en" / "timeline.txt").is_file(), "a failed rebuild keeps the last good build"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert process.returncode == 0, "".join(lines)


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_the_build_folder_is_readable_by_others(tmp_path: Path):
    out = tmp_path / "out"
    assert _build("-o", str(out), *FAST) == 0
    assert out.stat().st_mode & 0o755 == 0o755
