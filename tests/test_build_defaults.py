"""What a build shows while it runs, and which sheets it prints to PDF unless told to print all."""

from __future__ import annotations

import io
import sys

import pytest

from emit_helpers import REPO, STATE_VISIT, plan_of, typed
from rasim.cli.commands import main
from rasim.emit.build import BuildOptions, render_outputs
from rasim.emit.common import printed_roles

FAST = ["--only", "timeline,runsheet", "--lang", "en"]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def build(tmp_path, *extra: str) -> int:
    return main(["build", str(STATE_VISIT), "--project", str(REPO / "scenarios"), "-o", str(tmp_path / "out"),
                 *FAST, *extra])


def test_a_build_on_a_terminal_shows_its_progress_on_stderr(tmp_path, monkeypatch, capsys):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert build(tmp_path) == 0
    shown = terminal.getvalue()
    assert "rendering the en outputs" in shown
    assert "writing files" in shown and "/" in shown.split("writing files", 1)[1]
    assert "\r\x1b[K" in shown, "one line redrawn, cleared before the summary"
    assert "built" in capsys.readouterr().out


@pytest.mark.parametrize("extra, shown", [((), False), (("--quiet",), False), (("--progress",), True)])
def test_progress_off_a_terminal_only_when_asked(tmp_path, capsys, extra, shown):
    assert build(tmp_path, *extra) == 0
    err = capsys.readouterr().err
    assert ("writing files" in err) is shown
    assert "\x1b" not in err, "no terminal codes in a log file"


def test_quiet_silences_progress_on_a_terminal(tmp_path, monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert build(tmp_path, "--quiet") == 0
    assert "writing files" not in terminal.getvalue()


def fake_printer(monkeypatch) -> list[str]:
    printed: list[str] = []

    def sheets_to_pdf(sheets, workers=None):
        printed.extend(sorted(sheets))
        return {name: b"%PDF-1.7 laid out" for name in sheets}

    monkeypatch.setattr("rasim.emit.pdf.sheets_to_pdf", sheets_to_pdf)
    return printed


def test_pdfs_by_default_for_the_sheets_people_print(monkeypatch):
    printed = fake_printer(monkeypatch)
    plan = plan_of(STATE_VISIT)
    files = render_outputs(typed(plan), BuildOptions(kinds=frozenset({"runsheet", "pdf"}), languages=("en",)))
    leads = {row["lead"]["role"] for row in plan["rows"] if row.get("lead")}
    expected = {"master", "pocket"} | {f"role-{name}" for name in leads | {"guest", "guest_spouse", "president"}}
    assert {name.rsplit("/", 1)[1] for name in printed} == expected
    assert "en/runsheet/role-guest_spouse.pdf" in files and "en/runsheet/master.pdf" in files
    assert not any(name.startswith("en/runsheet/venue-") and name.endswith(".pdf") for name in files)
    assert any(name.startswith("en/runsheet/venue-") and name.endswith(".html") for name in files), \
        "every sheet still has its HTML"


def test_pdf_all_prints_every_sheet(monkeypatch):
    printed = fake_printer(monkeypatch)
    files = render_outputs(typed(plan_of(STATE_VISIT)), BuildOptions(kinds=frozenset({"runsheet", "pdf"}),
                                                              languages=("en",), pdf="all"))
    sheets = sorted(name.removesuffix(".html") for name in files if name.endswith(".html") and "/runsheet/" in name)
    assert printed == sheets


def test_the_host_head_is_the_role_the_guest_is_received_on_behalf_of():
    plan = plan_of(STATE_VISIT)
    assert "president" in printed_roles(typed(plan)) and "guest" in printed_roles(typed(plan))
    plan["visit"]["on_behalf_of"] = {"role": "prime_minister", "label": {"en": "Prime Minister", "kk": None}}
    for row in plan["rows"]:
        if row.get("lead") and row["lead"]["role"] == "president":
            row["lead"]["role"] = "prime_minister"
    assert "prime_minister" in printed_roles(typed(plan))
