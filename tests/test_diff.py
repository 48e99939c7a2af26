"""`rasim diff`: rule changes between editions by meaning, classified; scenario revisions; the impact on scenarios.

Each folder of tests/cases/diff/ holds a pair of small library files that
differ in one kind of change, and the diff a reader sees (expected.txt,
rewritten by `pytest --update-expected`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from rasim.cli.commands import main
from rasim.diff.run import changes_page, edition_diff
from rasim.library.articles import load_article_index

from harness import compare_expected

REPO = Path(__file__).resolve().parent.parent
CASES = sorted(p for p in (REPO / "tests" / "cases" / "diff").iterdir() if p.is_dir())


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run `rasim diff ARGV` and return its exit status, stdout and stderr."""
    status = main(["diff", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_kind_of_change_gives_its_diff(case, capsys, update_expected):
    status, out, err = run(capsys, str(case / "old.rasim"), str(case / "new.rasim"))
    assert status == 0 and err == ""
    assert "1 change" in out or "2 changes" in out, out  # each pair differs in one edit
    failure = compare_expected(out, case / "expected.txt", update_expected)
    assert failure is None, failure


def test_the_cases_cover_every_kind_and_classification():
    expected = "".join((case / "expected.txt").read_text("utf-8") for case in CASES)
    for phrase in ("· stricter", "· looser", "· neutral", "limit ", "window ", "rule of", "modality of",
                   "condition of", "deviation of", "step ", "order of steps", "lead of", "participants of",
                   "duration of", "precedence of", "calendar of", "renumbered articles", "name of ceremony",
                   "visit format: added"):
        assert phrase in expected, phrase


def test_the_official_visit_delegation_as_the_issue_writes_it():
    diff = edition_diff("state_protocol@2013", "state_protocol@2024")
    lines = [c for c in diff.changes if c.name == "official_visit" and c.item == "limit delegation_at_host_expense"]
    assert len(lines) == 1
    change = lines[0]
    assert (change.old, change.new, change.verdict) == ("up to 8 people", "up to 10 people", "looser")
    assert [r.number for r in change.old_citation.refs] == ["91"]
    assert [r.number for r in change.new_citation.refs] == ["85"]


def _find(diff, name, item, **wanted):
    found = [c for c in diff.changes if c.name == name and c.item == item
             and all(getattr(c, key) == value for key, value in wanted.items())]
    assert found, f"no change of {name} · {item} with {wanted}"
    return found[0]


def test_the_2013_2024_diff_holds_the_differences_the_edition_tests_assert():
    """Each difference tests/test_edition_differences.py checks by verdicts is in the diff, classified."""
    diff = edition_diff("state_protocol@2013", "state_protocol@2024")
    for name, new in (("state_visit", None), ("official_visit", "up to 10 people"),
                      ("working_visit", "up to 8 people"), ("transit_visit", "up to 8 people")):
        if new:
            _find(diff, name, "limit delegation_at_host_expense", new=new, verdict="looser")
    _find(diff, "state_visit", "limit state_visits_per_year", action="removed", verdict="looser")
    for name in ("state_visit", "official_visit"):
        _find(diff, name, "limit stay", action="removed", verdict="looser")
    _find(diff, "working_visit", "window working_group_arrival", verdict="looser")
    _find(diff, "official_visit", "negotiations_expanded", action="removed", verdict="looser")
    # 2013 art. 60-64 "as a rule"; 2024 art. 13 lists it among the standard program (compiler/check, `standard`).
    _find(diff, "official_visit", "airport_welcome_official", kind="modality", old="as_a_rule", new="standard",
          verdict="neutral")
    _find(diff, "state_visit", "business_forum", kind="modality", old="may", new="standard", verdict="stricter")
    _find(diff, "state_visit", "parliament_speech", kind="condition", new="when parties_agree", verdict="stricter")
    _find(diff, "airport_welcome", "ramp_meeting", kind="deviation")


def test_every_change_cites_articles_that_exist():
    diff = edition_diff("state_protocol@2013", "state_protocol@2024")
    indexes = {e: load_article_index(e) for e in ("state_protocol@2013", "state_protocol@2024")}
    missing = [(change.name, ref.edition, ref.number) for change in diff.changes
               for ref in change.old_citation.refs + change.new_citation.refs
               if ref.edition in indexes and indexes[ref.edition].find(ref.number) is None]
    assert not missing, missing[:10]
    assert all(change.old_citation or change.new_citation for change in diff.changes)


def test_the_changes_page_is_current():
    page = (REPO / "docs" / "changes-2013-2024.md").read_text("utf-8")
    assert page == changes_page(), "run `.venv/bin/python tools/generate_docs.py`"
    assert "up to 8 people (2013 art. 91) | up to 10 people (2024 art. 85)" in page
    assert "changes-2013-2024.md" in (REPO / "mkdocs.yml").read_text("utf-8")


def test_fail_on_stricter_fails_only_on_a_stricter_change(capsys):
    stricter, looser = REPO / "tests/cases/diff/limit-added", REPO / "tests/cases/diff/limit-raised"
    assert run(capsys, str(stricter / "old.rasim"), str(stricter / "new.rasim"), "--fail-on", "stricter")[0] == 1
    assert run(capsys, str(looser / "old.rasim"), str(looser / "new.rasim"), "--fail-on", "stricter")[0] == 0
    assert run(capsys, str(looser / "old.rasim"), str(looser / "new.rasim"), "--fail-on", "looser")[0] == 1


def test_json_and_markdown_say_the_same(capsys):
    case = REPO / "tests/cases/diff/limit-raised"
    _, out, _ = run(capsys, str(case / "old.rasim"), str(case / "new.rasim"), "--format", "json")
    data = json.loads(out)
    [change] = [c for chapter in data["chapters"] for c in chapter["changes"]]
    assert (change["old"], change["new"], change["classification"]) == ("up to 8 people", "up to 10 people", "looser")
    assert change["old_citation"] == [["demo@2000", "2"]]
    _, markdown, _ = run(capsys, str(case / "old.rasim"), str(case / "new.rasim"), "--format", "markdown")
    assert "| Official visit | limit delegation\\_at\\_host\\_expense | up to 8 people (2000 art. 2) |" in markdown


def test_the_html_page_escapes_and_has_a_table_of_contents(tmp_path, capsys):
    case = REPO / "tests/cases/diff/limit-raised"
    for name in ("old", "new"):
        text = (case / f"{name}.rasim").read_text("utf-8").replace('"Official visit"', '"<script>x</script>"')
        (tmp_path / f"{name}.rasim").write_text(text, "utf-8")
    _, page, _ = run(capsys, str(tmp_path / "old.rasim"), str(tmp_path / "new.rasim"), "--format", "html")
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    _, page, _ = run(capsys, "state_protocol@2013", "state_protocol@2024", "--format", "html")
    assert '<nav><h2>Chapters</h2><ol><li><a href="#chapter-1">' in page
    assert 'lang="kk"' in page and 'lang="en"' in page  # the texts of both editions, each in its original


def test_a_side_that_does_not_exist_is_a_usage_error(capsys):
    status, out, err = run(capsys, "state_protocol@1999", "state_protocol@2024")
    assert status == 2 and "no edition state_protocol@1999" in err and out == ""
    status, _, err = run(capsys, "no/such/file.rasim", "state_protocol@2024")
    assert status == 2 and "no such edition, file, folder or git revision" in err


def _git(folder: Path, *argv: str) -> str:
    return subprocess.run(["git", *argv], cwd=folder, check=True, capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_git_revision_is_a_side_and_the_diff_driver_prints_the_semantic_diff(tmp_path, capsys, monkeypatch):
    case = REPO / "tests/cases/diff/limit-raised"
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@example.org")
    _git(tmp_path, "config", "user.name", "T")
    lib = tmp_path / "lib"
    lib.mkdir()
    shutil.copyfile(case / "old.rasim", lib / "rules.rasim")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "old")
    shutil.copyfile(case / "new.rasim", lib / "rules.rasim")
    _git(tmp_path, "commit", "-qam", "new")
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, "HEAD~1:lib", "HEAD:lib")
    assert status == 0, err
    assert "limit delegation_at_host_expense: up to 8 people (2000 art. 2) → up to 10 people (2001 art. 2)" in out
    status, _, err = run(capsys, "HEAD~1:../outside", "HEAD:lib")
    assert status == 2 and err
    # The recipe of docs/diff.md: a diff driver running `rasim diff`.
    rasim = shutil.which("rasim") or str(Path(__file__).resolve().parent.parent / ".venv" / "bin" / "rasim")
    (tmp_path / ".gitattributes").write_text("*.rasim diff=rasim\n", "utf-8")
    _git(tmp_path, "config", "diff.rasim.command", f"{rasim} diff")
    out = _git(tmp_path, "diff", "HEAD~1", "HEAD", "--", "lib/rules.rasim")
    assert "up to 8 people (2000 art. 2) → up to 10 people (2001 art. 2) · looser" in out


def test_two_revisions_of_a_scenario(tmp_path, capsys):
    source = (REPO / "scenarios" / "2025-06-state-visit-testland-2024ed.rasim").read_text("utf-8")
    (tmp_path / "old.rasim").write_text(source, "utf-8")
    (tmp_path / "new.rasim").write_text(source.replace("      15:00 sightseeing 90 min", "      15:30 sightseeing 90 min"),
                                        "utf-8")
    status, out, _ = run(capsys, str(tmp_path / "old.rasim"), str(tmp_path / "new.rasim"),
                         "--project", str(REPO / "scenarios"))
    assert status == 0
    assert "call moved · sightseeing (day 1, S): 2025-06-10 15:00, 90 min → 2025-06-10 15:30, 90 min" in out
    status, out, _ = run(capsys, str(tmp_path / "old.rasim"), str(tmp_path / "old.rasim"),
                         "--project", str(REPO / "scenarios"))
    assert "0 changes" in out


def test_the_impact_on_scenarios_links_the_rule_change(tmp_path, capsys):
    from test_edition_differences import scenario

    (tmp_path / "ten.rasim").write_text(scenario("official_visit", "  count delegation_at_host_expense = 10\n"),
                                        "utf-8")
    shutil.copyfile(REPO / "scenarios" / "2019-11-official-visit-nordland-foreign-minister.rasim",
                    tmp_path / "old_names.rasim")
    status, out, _ = run(capsys, "state_protocol@2013", "state_protocol@2024", "--scenarios", str(tmp_path),
                         "--project", str(tmp_path))
    assert status == 0
    impact = out[out.index("Impact on 2 scenarios"):]
    assert "error gone [limit-exceeded]" in impact
    assert "← Official visit · limit delegation_at_host_expense: up to 8 people (2013 art. 91)" in impact
    # A scenario written with 2013's names is translated through the lineages (2024 lineage.rasim) and
    # reaches verdicts under 2024, instead of stopping at the names 2024 does not have.
    assert "old_names.rasim:" in impact and "uses names 2024 does not have: official_visit_of_foreign_minister" \
        not in impact
