"""Attack: a file so large, so long-lined or so full of items that checking it takes minutes or gigabytes.

Expected: file-too-large (refused before it is read), line-too-long,
too-many-items, each naming the flag that raises its limit; the flag works.
Must not happen: the file loaded into memory, a traceback, a silent pass.
"""

from __future__ import annotations

import resource

from .conftest import scenario, write


def test_a_sparse_gigabyte_file_is_refused_without_reading_it(tmp_path, rasim):
    path = tmp_path / "huge.rasim"
    with path.open("wb") as handle:
        handle.truncate(1 << 30)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    status, out, err = rasim("check", path)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert status == 1
    assert "error[file-too-large]" in err and "--max-file-size" in err
    assert (after - before) < 200_000  # kilobytes: far less than the gigabyte


def test_the_file_size_flag_raises_the_limit(tmp_path, rasim):
    path = write(tmp_path / "visit.rasim", scenario())
    status, out, err = rasim("check", "--max-file-size", 100, path)
    assert status == 1 and "file-too-large" in err
    status, out, err = rasim("check", "--max-file-size", 100_000, path)
    assert status == 0, err


def test_a_long_line_is_refused_and_not_echoed_whole(tmp_path, rasim):
    path = write(tmp_path / "long.rasim", 'role r "' + "x" * 20_000 + '"\n')
    status, out, err = rasim("check", path)
    assert status == 1
    assert "error[line-too-long]" in err and "--max-line-length" in err
    assert len(max(err.splitlines(), key=len)) < 400
    status, out, err = rasim("check", "--max-line-length", 30_000, path)
    assert status == 0, err


def test_too_many_calls_and_days(tmp_path, rasim):
    days = "\n".join(f"    day {n} {{ 12:00 airport_meeting_working 20 min at airport }}" for n in range(2, 8))
    text = scenario().replace("  }\n}\n", days + "\n  }\n}\n")
    path = write(tmp_path / "long_visit.rasim", text)
    status, out, err = rasim("check", "--max-days", 3, path)
    assert status == 1 and "error[too-many-items]" in err and "--max-days" in err
    status, out, err = rasim("check", "--max-calls", 2, path)
    assert status == 1 and "--max-calls" in err


def test_too_many_steps(tmp_path, rasim):
    steps = " ".join(f'step s{n} "Step {n}"' for n in range(12))
    path = write(tmp_path / "steps.rasim", f'ceremony c "C" {{ {steps} }}\n')
    status, out, err = rasim("check", "--max-steps", 10, path)
    assert status == 1 and "error[too-many-items]" in err and "--max-steps" in err
    status, out, err = rasim("check", path)
    assert "too-many-items" not in err


def test_a_limit_flag_takes_a_positive_number(tmp_path, rasim):
    path = write(tmp_path / "visit.rasim", scenario())
    status, out, err = rasim("check", "--max-errors", "-1", path)
    assert status == 2
