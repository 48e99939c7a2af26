"""Helpers of the hostile-input tests: write files, run `rasim` in process or as a process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rasim.cli.commands import main

# A scenario that checks clean: the hostile parts are added to it.
CLEAN_SCENARIO = """\
import state_protocol
{extra}
scenario private_visit_westland_2026 "Private visit of the President of Westland" {{
  visit private_visit {{
    principal "Luis Garza" head_of_state of "Westland"
    arrive 2026-08-10 12:00 Asia/Almaty at airport
    depart 2026-08-12 12:00 Asia/Almaty at airport
  }}
  assume parties_agree yes
  program {{
    day 1 2026-08-10 {{ {time} airport_meeting_working 20 min at airport }}
  }}
}}
"""


def scenario(extra: str = "", time: str = "12:00") -> str:
    return CLEAN_SCENARIO.format(extra=extra, time=time)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.fixture
def rasim(capsys, monkeypatch, tmp_path):
    """Run `rasim ARGS` in process from tmp_path; return (status, stdout, stderr), never a traceback."""
    monkeypatch.chdir(tmp_path)

    def run(*argv) -> tuple[int, str, str]:
        status = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err, out + err
        assert status != 3, err
        return status, out, err

    return run


def rasim_process(*argv, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run `rasim ARGS` as a process, for attacks that could hang it (a timeout fails the test)."""
    return subprocess.run([sys.executable, "-m", "rasim", *map(str, argv)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)
