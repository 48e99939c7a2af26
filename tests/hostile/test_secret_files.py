"""Attack: make a diagnostic print a line of a secret file (a token, /etc/passwd).

A scenario imports a file outside its project, or a non-Rasim file inside it,
or the user points --project at the root. Expected: import-outside-project,
import-not-rasim, or a usage error. Must not happen: any line of the secret
file on the screen.
"""

from __future__ import annotations

from .conftest import scenario, write

TOKEN = "ghp_SECRETTOKEN1234567890"


def test_import_of_a_credentials_file_above_the_scenario_is_refused(tmp_path, rasim):
    write(tmp_path / ".git-credentials", f"https://user:{TOKEN}@github.com\n")
    path = write(tmp_path / "Downloads" / "visit.rasim", scenario('import "../.git-credentials" as c'))
    status, out, err = rasim("check", path)
    assert status == 1
    assert "import-outside-project" in err
    assert TOKEN not in out + err


def test_import_of_a_non_rasim_file_inside_the_project_is_refused_unread(tmp_path, rasim):
    write(tmp_path / "token.txt", f"{TOKEN} $ {{\n")
    path = write(tmp_path / "visit.rasim", scenario('import "token.txt" as c'))
    status, out, err = rasim("check", path)
    assert status == 1
    assert "error[import-not-rasim]" in err
    assert TOKEN not in out + err


def test_a_non_rasim_file_on_the_command_line_is_refused(tmp_path, rasim):
    write(tmp_path / "token.txt", f"role {TOKEN} $\n")
    status, out, err = rasim("check", tmp_path / "token.txt")
    assert status == 2
    assert "is not a .rasim file" in err
    assert TOKEN not in out + err


def test_project_root_is_refused_as_the_file_system_root(tmp_path, rasim):
    path = write(tmp_path / "visit.rasim", scenario('import "../../../../../../etc/passwd.rasim" as p'))
    status, out, err = rasim("check", "--project", "/", path)
    assert status == 2
    assert "root of the file system" in err


def test_project_must_hold_the_scenario(tmp_path, rasim):
    (tmp_path / "elsewhere").mkdir()
    path = write(tmp_path / "visit.rasim", scenario())
    status, out, err = rasim("check", "--project", tmp_path / "elsewhere", path)
    assert status == 2
    assert "does not hold" in err


def test_the_project_marker_lets_a_scenario_import_from_its_project(tmp_path, rasim):
    write(tmp_path / "rasim.toml", "")
    write(tmp_path / "venues" / "halls.rasim", 'place small_hall "Small hall"\n')
    path = write(tmp_path / "visits" / "2026" / "visit.rasim", scenario('import "../../venues/halls.rasim" as v'))
    status, out, err = rasim("check", path)
    assert status == 0, err


def test_without_a_marker_the_project_is_the_scenario_folder(tmp_path, rasim):
    write(tmp_path / "venues" / "halls.rasim", 'place small_hall "Small hall"\n')
    path = write(tmp_path / "visits" / "visit.rasim", scenario('import "../venues/halls.rasim" as v'))
    status, out, err = rasim("check", path)
    assert status == 1
    assert "import-outside-project" in err
    # The same import is allowed once the user names the project.
    status, out, err = rasim("check", "--project", tmp_path, path)
    assert status == 0, err
