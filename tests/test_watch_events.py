"""`rasim watch` rebuilds when the file system reports a change to a file the last build read; driven here by a
fake event source, so nothing depends on timing."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasim.cli.watch import STDLIB_PREFIX, polled_changes, watch


class Stop(Exception):
    """Ends the endless watch loop in a test."""


def test_rebuilds_on_a_change_to_a_file_read_and_follows_new_imports(tmp_path, capsys):
    scenario, venue, other = tmp_path / "visit.rasim", tmp_path / "venues.rasim", tmp_path / "notes.txt"
    stdlib = tmp_path / "stdlib"
    builds = []
    reads = [[str(scenario)], [str(scenario), str(venue), f"{STDLIB_PREFIX}state_protocol/x.rasim"],
             [str(scenario), str(venue)]]

    def build() -> list[str]:
        builds.append(1)
        if len(builds) > len(reads):
            raise Stop
        return reads[len(builds) - 1]

    watched_sets = []
    events = iter([
        [{other}, {scenario}],  # a file not read changes nothing; the scenario rebuilds: now it imports `venue`
        [{stdlib / "state_protocol" / "x.rasim"}],  # a standard library file it read
        [{venue}],
    ])

    def source(files):
        watched_sets.append(files)
        yield from next(events)

    with pytest.raises(Stop):
        watch(build, [str(scenario)], stdlib, source)
    assert len(builds) == 4
    assert watched_sets[0] == {scenario}
    assert venue in watched_sets[1] and stdlib / "state_protocol" / "x.rasim" in watched_sets[1]
    out = capsys.readouterr().out
    assert "watching 1 file;" in out
    assert f"changed: {scenario}" in out and f"changed: {STDLIB_PREFIX}state_protocol/x.rasim" in out
    assert str(other) not in out


def test_polling_reports_a_changed_file(tmp_path, monkeypatch):
    watched = tmp_path / "visit.rasim"
    watched.write_text("one")
    monkeypatch.setattr("rasim.cli.watch.time.sleep", lambda seconds: watched.write_text("two, longer"))
    assert next(iter(polled_changes(0.1)(frozenset({watched})))) == {watched}
