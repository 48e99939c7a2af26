"""Attack: make `rasim` read a FIFO or a device, which waits or reads forever.

Expected: special-file, without opening the file, on the command line and in
an import; a folder walk skips them. Must not happen: a hang (each case runs
`rasim` as a process with a timeout) or a traceback.
"""

from __future__ import annotations

import os

import pytest

from .conftest import rasim_process, scenario, write

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs need a POSIX system")


def test_fifo_on_the_command_line_is_refused(tmp_path):
    os.mkfifo(tmp_path / "pipe.rasim")
    result = rasim_process("check", "pipe.rasim", cwd=tmp_path)
    assert result.returncode == 2
    assert "special-file" in result.stderr and "Traceback" not in result.stderr


def test_importing_a_fifo_is_refused_without_hanging(tmp_path):
    os.mkfifo(tmp_path / "venues.rasim")
    write(tmp_path / "visit.rasim", scenario('import "venues.rasim" as v'))
    result = rasim_process("check", "visit.rasim", cwd=tmp_path)
    assert result.returncode == 1
    assert "error[special-file]" in result.stderr and "venues.rasim" in result.stderr


def test_checking_a_folder_holding_a_fifo_skips_it(tmp_path):
    os.mkfifo(tmp_path / "pipe.rasim")
    write(tmp_path / "visit.rasim", scenario())
    result = rasim_process("check", ".", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "checked 1 file" in result.stdout


def test_a_device_is_refused(tmp_path):
    result = rasim_process("check", "/dev/zero", cwd=tmp_path)
    assert result.returncode == 2
    assert "special-file" in result.stderr


def test_an_import_of_a_device_through_a_symlink_is_refused(tmp_path):
    # The link is followed before the project check: /dev lies outside the project.
    (tmp_path / "zero.rasim").symlink_to("/dev/zero")
    write(tmp_path / "visit.rasim", scenario('import "zero.rasim" as z'))
    result = rasim_process("check", "visit.rasim", cwd=tmp_path)
    assert result.returncode == 1
    assert "error[import-outside-project]" in result.stderr
