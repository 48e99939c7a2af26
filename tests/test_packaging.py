"""Build the wheel, install it into a fresh venv and run the installed `rasim`."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path, PurePosixPath

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
VERSION = "0.1.0"

# Build products and caches that must not be copied into the build tree:
# a stale build/lib would leak deleted files into the wheel.
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "out",
    "*.egg-info",
    "__pycache__",
    "*.pyc",
    ".pytest_cache",
    ".hypothesis",
)


def run(args: list[str | os.PathLike], cwd: Path, timeout: float) -> subprocess.CompletedProcess:
    """Run a command outside the repository, with no Python path leaking in."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def describe(result: subprocess.CompletedProcess) -> str:
    """Return a command's status and output for an assertion message."""
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def backend_is_installed() -> bool:
    """Tell whether the running environment can build the wheel without network."""
    try:
        version = importlib.metadata.version("setuptools")
    except importlib.metadata.PackageNotFoundError:
        return False
    major = int(version.split(".")[0])
    return major >= 68 and importlib.util.find_spec("wheel") is not None


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from a clean copy of the repository."""
    root = tmp_path_factory.mktemp("build")
    source = root / "source"
    shutil.copytree(REPO, source, ignore=COPY_IGNORE)
    dist = root / "dist"
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist]
    if backend_is_installed():
        command.append("--no-build-isolation")
    result = run([*command, source], cwd=root, timeout=600)
    assert result.returncode == 0, describe(result)
    wheels = list(dist.glob("rasim-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Install the wheel and its dependencies into a fresh venv; return the venv."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True, system_site_packages=False, clear=True).create(env_dir)
    result = run([env_dir / "bin" / "python", "-m", "pip", "install", "-q", wheel], cwd=env_dir, timeout=900)
    assert result.returncode == 0, describe(result)
    return env_dir


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """Return a working directory outside the repository."""
    work = tmp_path / "work"
    work.mkdir()
    assert REPO not in work.resolve().parents
    return work


def wheel_names(wheel: Path) -> set[str]:
    """Return the names of the files in the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_ships_grammar_and_stdlib(wheel: Path) -> None:
    names = wheel_names(wheel)
    assert "rasim/grammar/rasim.lark" in names
    stdlib = [n for n in names if n.startswith("rasim/stdlib/") and n.endswith(".rasim")]
    assert stdlib, "no rasim/stdlib/**/*.rasim in the wheel"
    # Every data file of the checkout, nested folders included, is in the wheel.
    expected = {f"rasim/grammar/{p.name}" for p in (REPO / "grammar").glob("*.lark")}
    for pattern in ("**/*.rasim", "**/*.json"):
        for path in (REPO / "stdlib").glob(pattern):
            expected.add(str(PurePosixPath("rasim/stdlib", path.relative_to(REPO / "stdlib").as_posix())))
    assert expected - names == set()


def test_wheel_ships_every_compiler_module(wheel: Path) -> None:
    names = wheel_names(wheel)
    modules = {
        str(PurePosixPath("rasim", path.relative_to(REPO / "compiler").as_posix()))
        for path in (REPO / "compiler").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    missing = modules - names
    assert not missing, f"add the subpackages to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"
    assert not any(n.startswith(("compiler/", "grammar/", "stdlib/")) for n in names)


def test_installed_data_path_is_inside_the_venv(installed: Path, outside: Path) -> None:
    code = "from rasim.resources import data_path; print(data_path('grammar')); print(data_path('stdlib'))"
    result = run([installed / "bin" / "python", "-c", code], cwd=outside, timeout=60)
    assert result.returncode == 0, describe(result)
    grammar, stdlib = (Path(line) for line in result.stdout.splitlines())
    assert installed.resolve() in grammar.resolve().parents
    assert (grammar / "rasim.lark").is_file()
    assert installed.resolve() in stdlib.resolve().parents
    assert stdlib.is_dir()


def test_installed_version(installed: Path, outside: Path) -> None:
    result = run([installed / "bin" / "rasim", "--version"], cwd=outside, timeout=60)
    assert result.returncode == 0, describe(result)
    assert VERSION in result.stdout, describe(result)


def test_installed_check_of_scenarios(installed: Path, outside: Path) -> None:
    assert sorted((REPO / "scenarios").glob("*.rasim")), "scenarios/ has no *.rasim file to check"
    # The whole folder: scenarios import shared files (venues/) by relative path.
    copy = outside / "scenarios"
    shutil.copytree(REPO / "scenarios", copy)
    result = run([installed / "bin" / "rasim", "check", "scenarios"], cwd=outside, timeout=300)
    assert result.returncode == 0, describe(result)


def test_wheel_ships_the_templates(wheel: Path) -> None:
    templates = REPO / "compiler" / "templates"
    expected = {str(PurePosixPath("rasim/templates", p.relative_to(templates).as_posix()))
                for p in templates.rglob("*") if p.is_file()}
    assert expected, "compiler/templates/ is empty"
    assert expected - wheel_names(wheel) == set()


def test_wheel_ships_the_fonts_the_pdfs_are_laid_out_with(wheel: Path) -> None:
    names = wheel_names(wheel)
    assert {"rasim/fonts/DejaVuSans.ttf", "rasim/fonts/DejaVuSans-Bold.ttf", "rasim/fonts/LICENSE"} <= names


def test_installed_build_draws_svg_without_system_graphviz(installed: Path, outside: Path) -> None:
    copy = outside / "scenarios"
    shutil.copytree(REPO / "scenarios", copy)
    out = outside / "out"
    result = run([installed / "bin" / "rasim", "build", "scenarios/2027-05-state-visit-testland.rasim", "-o", out,
                  "--only", "diagram,runsheet", "--lang", "kk", "--renderer", "wasm"], cwd=outside, timeout=300)
    assert result.returncode == 0, describe(result)
    assert (out / "kk" / "flow.svg").read_bytes().lstrip().startswith(b"<?xml")
    assert "Толық нұсқа" in (out / "kk" / "runsheet" / "master.html").read_text(encoding="utf-8")


def test_wheel_ships_the_compiled_standard_library(wheel: Path) -> None:
    names = wheel_names(wheel)
    assert "rasim/stdlib_compiled/index.json" in names
    with zipfile.ZipFile(wheel) as archive:
        index = json.loads(archive.read("rasim/stdlib_compiled/index.json"))
    editions = {p.parent.parent.name + "@" + p.parent.name for p in (REPO / "stdlib").glob("*/*/edition.rasim")}
    assert set(index["editions"]) == editions
    assert {f"rasim/stdlib_compiled/{ref}.jsonl" for ref in editions} <= names
    # Kazakhstan's days off: the table the compiler reads instead of the `holidays` package.
    assert "rasim/kazakhstan_days_off.json" in names


def test_installed_check_reads_the_shipped_library_without_parsing_it(installed: Path, outside: Path) -> None:
    # Were the shipped form missing or stale, the library would be parsed and compiled into this cache.
    cache = outside / "cache"
    code = ("import sys, rasim.syntax.parse as p; from rasim.cli import main; calls = []; real = p.parse; "
            "p.parse = lambda *a: calls.append(a[1]) or real(*a); status = main(sys.argv[1:]); "
            "print('PARSED', sorted(calls))")
    scenario = REPO / "scenarios" / "2025-03-credentials-ceremony-2024ed.rasim"
    env_python = installed / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["XDG_CACHE_HOME"] = str(cache)
    result = subprocess.run([str(env_python), "-c", code, "check", str(scenario)], cwd=outside, env=env,
                            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, describe(result)
    assert "checked 1 file: no errors" in result.stdout, describe(result)
    assert f"PARSED ['{scenario}']" in result.stdout, describe(result)
    assert not (cache / "rasim" / "stdlib").exists(), "the installed library was compiled again"
