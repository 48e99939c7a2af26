"""Check the test cases of tests/cases/check: bad files against their markers, good files against their plans.

A bad case `bad/NAME.rasim` is a small scenario (or library file) that breaks
rules. Each diagnostic it should get is written inline, on the offending line:

    count delegation_at_host_expense = 13  # error: limit-exceeded § 91 of state_protocol@2013
    visit working_visit {  # warning: window-unchecked
    # error-next-line: missing-module-header

After the code, the text up to an optional `message:` or `hint:` is the
expected citation: the diagnostic's citation must contain it, or, for a
citation written `§ 25, 62 of state_protocol@2013`, cite at least those
articles of that edition (so that a library that adds an article to a rule
does not break the case). `message: TEXT`
asks that the message contain TEXT, `hint: TEXT` that one of the hints does.
`error-next-line` / `warning-next-line` put the diagnostic on the next line,
for lines where a comment cannot go. The sorted (line, severity, code) of the
diagnostics located in the case file must equal those of the markers.

A subfolder of bad/ (such as bad/library/) is a small standard library of its
own: its files are checked with it as the library (`--stdlib`) and as the
project folder, and those with markers are cases; the others are the library.

A good case `good/NAME.rasim` must compile without any diagnostic, and its
plan must be the JSON in `NAME.plan.json` beside it, which is what
`rasim plan NAME.rasim --format json` prints (`pytest --update-expected`
rewrites these files). Every good plan must also keep the invariants of
INVARIANTS below (citations, checklist, contingencies, fixed times,
conditional actors, precedence overrides) and be deterministic.

A case whose first lines say `# checked-under: BODY@YEAR` is checked with
`--edition BODY@YEAR` (a scenario read under an edition it was not written for).

A case that shows a bug of the compiler carries a line `# known-bug: why`: the
case then holds what the compiler should do, and its test is a strict expected
failure (fixing the bug makes the test fail until the line is removed, and, for
a good case, its plan written). A good case may instead carry
`# known-bug(INVARIANT): why`, which marks only that invariant's test for that
case; its plan is still compared.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

from rasim.diagnostics.codes.checking import CHECKING_CODES
from rasim.diagnostics.core import Severity
from rasim.driver import Compiled, Options, compile_file
from rasim.model.law import ConditionDecl
from rasim.model.values import NO, UNKNOWN
from rasim.plan.types import Plan
from rasim.resources import data_path
from rasim.tools.site import case_editions

CASES = Path(__file__).resolve().parent / "cases" / "check"
GOOD_DIR, BAD_DIR = CASES / "good", CASES / "bad"

MARKER = re.compile(r"#\s*(error|warning|note)(-next-line)?:\s*([a-z][a-z0-9-]*)([^#]*)")
CLAUSE = re.compile(r"(?:^|\s)(message|hint):\s*")
KNOWN_BUG = re.compile(r"^#\s*known-bug(?:\(([a-z-]+)\))?:\s*(.*)$", re.MULTILINE)

# Codes of compiler/diagnostics/codes/checking.py that no working bad case can trigger, and why.
# Each must still be expected by a bad case marked `# known-bug:`, so that the
# case takes over once the bug is fixed.
NOT_TRIGGERED: dict[str, str] = {}

# A citation as the compiler prints it: `§ 10, 41 of state_protocol@2013`, groups joined by `; `.
CITATION = re.compile(r"§ [0-9A-Z][0-9A-Z.\-]*(, [0-9A-Z][0-9A-Z.\-]*)* of [a-z][a-z0-9_]*@\d{4}")
CITATIONS = re.compile(rf"{CITATION.pattern}(; {CITATION.pattern})*")


@attrs.frozen
class Case:
    """A case file and the library and project folder it is checked with."""

    path: Path
    stdlib: Path
    project: Path

    @property
    def shown(self) -> str:
        return self.path.relative_to(CASES).as_posix()


@attrs.frozen
class Marker:
    """One expected diagnostic."""

    line: int
    severity: str
    code: str
    citation: str | None = None
    message: str | None = None
    hint: str | None = None


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def collect(folder: Path) -> list[Case]:
    """Return the cases of `folder`: its own .rasim files, and those of its fake libraries that carry markers."""
    cases = [Case(p, data_path("stdlib"), folder) for p in sorted(folder.glob("*.rasim"))]
    for library in sorted(p for p in folder.iterdir() if p.is_dir()):
        for path in sorted(library.rglob("*.rasim")):
            text = _read(path)
            if MARKER.search(text) or KNOWN_BUG.search(text):
                cases.append(Case(path, library, library))
    return cases


GOOD = collect(GOOD_DIR)
BAD = collect(BAD_DIR)


def markers(text: str) -> list[Marker]:
    """Return the markers of `text`, sorted by line, severity and code."""
    found = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        for severity, next_line, code, rest in MARKER.findall(line):
            parts = CLAUSE.split(rest)
            clauses = dict(zip(parts[1::2], (p.strip() for p in parts[2::2])))
            found.append(Marker(number + 1 if next_line else number, severity, code,
                                parts[0].strip() or None, clauses.get("message"), clauses.get("hint")))
    return sorted(found, key=lambda m: (m.line, m.severity, m.code))


def _citation_groups(text: str) -> list[tuple[str, frozenset[str]]] | None:
    """Read `§ 25, 62 of EDITION; § 3 of EDITION` as (edition, articles) pairs; None if it is not of that form."""
    if not CITATIONS.fullmatch(text):
        return None
    groups = []
    for group in text.split("; "):
        articles, _, edition = group.removeprefix("§ ").partition(" of ")
        groups.append((edition, frozenset(articles.split(", "))))
    return groups


def cites(actual: str | None, expected: str) -> bool:
    """Tell whether the citation `actual` contains `expected`, or cites at least its articles of its editions."""
    if actual is None:
        return False
    if expected in actual:
        return True
    wanted, given = _citation_groups(expected), _citation_groups(actual)
    if wanted is None or given is None:
        return False
    return all(any(edition == e and articles <= a for e, a in given) for edition, articles in wanted)


def known_bugs(text: str) -> dict[str | None, str]:
    """Return the known bugs a case declares: None for the whole case, else the invariant's name."""
    return {scope or None: why for scope, why in KNOWN_BUG.findall(text)}


@functools.lru_cache(maxsize=None)
def compiled(case: Case) -> Compiled:
    return compile_file(case.path, case.shown, Options(stdlib=case.stdlib, project_root=case.project,
                                                        editions=case_editions(case.path)))


def checked(case: Case):
    """Return what the check pass handed on (the model, the checklist, the arrangements)."""
    return compiled(case).results["check"]


def model(case: Case):
    return checked(case).model


def plan_json(plan: Plan) -> str:
    """Return the plan as `rasim plan --format json` prints it."""
    return json.dumps(plan.to_json(), ensure_ascii=False, indent=2) + "\n"


def _describe(diagnostics) -> str:
    lines = []
    for d in diagnostics:
        where = f"{d.span.path}:{d.span.line}" if d.span else "(no place)"
        lines.append(f"  {where} {d.severity.value}[{d.code}]: {d.message}"
                     + (f" | cite: {d.citation}" if d.citation else "") + "".join(f" | hint: {h}" for h in d.hints))
    return "\n".join(lines) or "  (none)"


def _xfail_if_known_bug(bugs: dict, scope: str | None, request: pytest.FixtureRequest) -> bool:
    why = bugs.get(scope)
    if why is not None:
        request.applymarker(pytest.mark.xfail(reason=f"known bug: {why}", strict=True))
    return why is not None


# ---- the cases exist and cover the codes ---------------------------------------------------


def test_cases_exist():
    assert len(GOOD) >= 6, f"expected at least 6 good check cases in {GOOD_DIR}"
    working = [c for c in BAD if None not in known_bugs(_read(c.path))]
    assert len(working) >= 30, f"expected at least 30 bad check cases in {BAD_DIR} (known bugs aside)"


def test_bad_cases_cover_every_checking_code():
    covered, only_known_bug = set(), set()
    for case in BAD:
        text = _read(case.path)
        codes = {m.code for m in markers(text)}
        (only_known_bug if None in known_bugs(text) else covered).update(codes)
    registered = {c.code for c in CHECKING_CODES}
    missing = sorted(registered - covered - set(NOT_TRIGGERED))
    assert not missing, f"no working bad check case expects {missing}"
    stale = sorted(code for code in NOT_TRIGGERED if code in covered or code not in registered)
    assert not stale, f"NOT_TRIGGERED lists {stale}, which a working case covers or which is not registered"
    unshown = sorted(code for code in NOT_TRIGGERED if code not in only_known_bug)
    assert not unshown, f"NOT_TRIGGERED lists {unshown}, but no known-bug case expects them"


# ---- bad cases: diagnostics against markers ----------------------------------------------------


@pytest.mark.parametrize("case", BAD, ids=lambda c: c.shown)
def test_bad_case(case: Case, request: pytest.FixtureRequest):
    text = _read(case.path)
    _xfail_if_known_bug(known_bugs(text), None, request)
    expected = markers(text)
    assert expected, f"{case.shown}: a bad case needs at least one `# error: CODE` or `# warning: CODE` marker"
    registered = {c.code for c in CHECKING_CODES}
    unknown = sorted({m.code for m in expected} - registered)
    assert not unknown, f"{case.shown}: markers name codes that are not checking codes: {unknown}"

    result = compiled(case)
    last_line = max(1, len(text.splitlines()))
    here = [d for d in result.diagnostics if d.span is not None and d.span.path == case.shown]
    found = sorted((min(d.span.line, last_line), d.severity.value, d.code) for d in here)
    assert found == [(m.line, m.severity, m.code) for m in expected], (
        f"{case.shown}: diagnostics differ from the markers\n"
        f"expected: {[(m.line, m.severity, m.code) for m in expected]}\nfound:    {found}\n"
        f"{_describe(result.diagnostics)}")

    for marker in expected:
        candidates = [d for d in here if min(d.span.line, last_line) == marker.line
                      and d.severity.value == marker.severity and d.code == marker.code]
        if marker.citation:
            assert any(cites(d.citation, marker.citation) for d in candidates), (
                f"{case.shown}:{marker.line}: no {marker.code} cites {marker.citation!r}\n{_describe(candidates)}")
        if marker.message:
            assert any(marker.message in d.message for d in candidates), (
                f"{case.shown}:{marker.line}: no {marker.code} says {marker.message!r}\n{_describe(candidates)}")
        if marker.hint:
            assert any(marker.hint in hint for d in candidates for hint in d.hints), (
                f"{case.shown}:{marker.line}: no {marker.code} hints {marker.hint!r}\n{_describe(candidates)}")


def test_no_plan_after_errors():
    for case in BAD:
        result = compiled(case)
        if any(d.severity is Severity.ERROR for d in result.diagnostics):
            assert result.plan is None, f"{case.shown} has errors, but compile_file() gave a plan: {type(result.plan)}"


# ---- good cases: no diagnostics, the expected plan ----------------------------------------------


@pytest.mark.parametrize("case", GOOD, ids=lambda c: c.shown)
def test_good_case(case: Case, update_expected: bool, request: pytest.FixtureRequest):
    text = _read(case.path)
    assert not markers(text), f"{case.shown}: a good case must not carry `# error:` or `# warning:` markers"
    known_bug = _xfail_if_known_bug(known_bugs(text), None, request)
    result = compiled(case)
    assert not result.diagnostics, f"{case.shown} should check cleanly, but:\n{_describe(result.diagnostics)}"
    assert isinstance(result.plan, Plan), f"{case.shown} gave no plan"
    if known_bug:
        return
    actual = plan_json(result.plan)
    expected_path = case.path.with_suffix(".plan.json")
    if update_expected:
        expected_path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert expected_path.exists(), f"{expected_path.name} is missing: run pytest --update-expected"
    assert actual == expected_path.read_text(encoding="utf-8"), (
        f"the plan of {case.shown} differs from {expected_path.name} (pytest --update-expected rewrites it)")


@pytest.mark.parametrize("case", GOOD, ids=lambda c: c.shown)
def test_plan_is_deterministic(case: Case, tmp_path: Path):
    if None in known_bugs(_read(case.path)):
        pytest.skip("the case shows a known bug and has no plan to compare")
    first = compiled(case)
    again = compile_file(case.path, case.shown, Options(stdlib=case.stdlib, project_root=case.project,
                                                        editions=case_editions(case.path)))
    assert plan_json(first.plan) == plan_json(again.plan), f"two compilations of {case.shown} differ"
    # The command line prints the same bytes, from another process and another folder.
    command = [sys.executable, "-m", "rasim", "plan", str(case.path), "--format", "json", "--project", str(case.project)]
    printed = subprocess.run(command, capture_output=True, cwd=tmp_path, check=False)
    assert printed.returncode == 0, printed.stderr.decode("utf-8", "replace")
    assert printed.stdout.decode("utf-8") == plan_json(first.plan), f"`rasim plan` prints another plan of {case.shown}"


# ---- good cases: invariants of the plan ----------------------------------------------------------


def _condition_symbol(case: Case, name: str) -> ConditionDecl | None:
    found = model(case).law(name)
    return found if isinstance(found, ConditionDecl) else None


def _open_by_agreement(case: Case, name: str) -> bool:
    declared = _condition_symbol(case, name)
    return (declared is not None and declared.settled_by in ("agreement", "request")
            and model(case).facts.conditions.get(name, UNKNOWN) is UNKNOWN)


def invariant_citations(case: Case, plan: dict) -> None:
    """Every citation of the plan reads `§ N of EDITION` (groups joined by `; `)."""
    places = [(f"row {r['cue']}", r["citation"]) for r in plan["rows"]]
    places += [(f"ordering {o['name']} of {r['cue']}", o["citation"]) for r in plan["rows"] for o in r["orderings"]]
    places += [(f"checklist {c['condition']}", c["citation"]) for c in plan["checklist"]]
    places += [(f"deviation {d['target']}", d["citation"]) for d in plan["deviations"]]
    bad = [f"{where}: {text!r}" for where, text in places if text is not None and not CITATIONS.fullmatch(text)]
    assert not bad, "citations not of the form `§ N of EDITION`:\n" + "\n".join(bad)
    editions = {e["ref"] for e in plan["editions"]}
    foreign = [f"{where}: {text}" for where, text in places if text is not None
               and not {m.split(" of ")[-1] for m in text.split("; ")} <= editions]
    assert not foreign, "citations of editions the scenario was not checked under:\n" + "\n".join(foreign)


def invariant_checklist(case: Case, plan: dict) -> None:
    """The checklist lists exactly the open conditions settled by agreement or request that the plan depends on."""
    listed = {item["condition"]: item for item in plan["checklist"]}
    for name, item in listed.items():
        assert _open_by_agreement(case, name), f"checklist item {name} is not an open matter of agreement or request"
        assert item["settled_by"] == _condition_symbol(case, name).settled_by
        assert item["citation"] and CITATIONS.fullmatch(item["citation"]), f"checklist item {name} has no citation"
    needed = {c["condition"].removeprefix("not ") for c in plan["contingencies"]}
    for call in model(case).event.calls:
        if call.condition is not None:
            needed |= set(call.condition.names)
    missing = sorted(name for name in needed if _open_by_agreement(case, name) and name not in listed)
    assert not missing, f"the plan depends on {missing}, open matters of agreement, but the checklist leaves them out"


def invariant_contingencies(case: Case, plan: dict) -> None:
    """The contingencies list the rows under unknown conditions, and only those."""
    by_row = {r["cue"]: r["condition"] for r in plan["rows"]}
    listed = {}
    for entry in plan["contingencies"]:
        condition = entry["condition"]
        name = condition.removeprefix("not ")
        assert _condition_symbol(case, name) is not None, f"contingency on {condition}, which is no condition"
        assert model(case).facts.conditions.get(name, UNKNOWN) is UNKNOWN, f"contingency on {condition}, not open"
        assert entry["label"], f"contingency on {condition} has no label"
        for cue in entry["rows"]:
            assert by_row.get(cue) == condition, f"contingency {condition} lists {cue}, whose condition is {by_row.get(cue)}"
            listed[cue] = condition
    unlisted = sorted(cue for cue, condition in by_row.items() if condition and cue not in listed)
    assert not unlisted, f"rows under unknown conditions missing from the contingencies: {unlisted}"
    assert [c["condition"] for c in plan["contingencies"]] == sorted(c["condition"] for c in plan["contingencies"])


def invariant_fixed_rows(case: Case, plan: dict) -> None:
    """A row is fixed exactly when it starts at a clock time the program gives its call."""
    facts = model(case).facts
    fixed_entries = set()
    for call in model(case).event.live_calls():
        if call.fixed and facts.value(call.condition) is not NO:
            fixed_entries.add((call.day, call.track, call.name, call.time.zfill(5)))
    called = {(r["day"], r["track"], r["ceremony"]) for r in plan["rows"]}
    fixed_rows = {(r["day"], r["track"], r["ceremony"], r["start"]["time"]) for r in plan["rows"] if r["fixed"]}
    wrong = sorted(fixed_rows - fixed_entries, key=str)
    assert not wrong, f"rows marked fixed that do not start at their call's clock time: {wrong}"
    unmarked = sorted((e for e in fixed_entries - fixed_rows if e[:3] in called), key=str)
    assert not unmarked, f"calls at a clock time with no row marked fixed at that time: {unmarked}"


def invariant_actor_guards(case: Case, plan: dict) -> None:
    """A step's actor under a condition that does not hold is not among the row's participants."""
    facts = model(case).facts
    wrong = []
    for row in plan["rows"]:
        # The step as it happens in the calls of its ceremony, with the accepted deviations applied.
        steps = [(call, step) for call in model(case).event.live_calls() if call.name == row["ceremony"]
                 for step in call.steps if step.name == row["step"]]
        if not steps:
            continue
        roles = [p["role"] for p in row["participants"]]
        kept = {role for call, step in steps
                for role in [step.lead] + [a.role for a in step.actors
                                           if facts.value(a.condition, call.item(step)) is not NO]}
        wrong += [f"{row['cue']}: {role}" for role in roles if role not in kept]
    assert not wrong, "participants whose condition does not hold in this scenario:\n" + "\n".join(wrong)


def invariant_overrides(case: Case, plan: dict) -> None:
    """`precede A before B` puts A before B in every row where both take part."""
    for override in model(case).event.overrides:
        first, second = override.first, override.second
        for row in plan["rows"]:
            roles = [p["role"] for p in row["participants"]]
            if first in roles and second in roles:
                assert roles.index(first) < roles.index(second), (
                    f"{row['cue']}: `precede {first} before {second}` is not applied: {roles}")


INVARIANTS = {
    "citations": invariant_citations,
    "checklist": invariant_checklist,
    "contingencies": invariant_contingencies,
    "fixed-rows": invariant_fixed_rows,
    "actor-guards": invariant_actor_guards,
    "overrides": invariant_overrides,
}


@pytest.mark.parametrize("name", sorted(INVARIANTS))
@pytest.mark.parametrize("case", GOOD, ids=lambda c: c.shown)
def test_plan_invariant(case: Case, name: str, request: pytest.FixtureRequest):
    bugs = known_bugs(_read(case.path))
    unknown = sorted(scope for scope in bugs if scope is not None and scope not in INVARIANTS)
    assert not unknown, f"{case.shown}: `known-bug(...)` names no invariant: {unknown}"
    if None in bugs:
        pytest.skip("the whole case shows a known bug")
    _xfail_if_known_bug(bugs, name, request)
    plan = compiled(case).plan
    assert isinstance(plan, Plan), f"{case.shown} gave no plan"
    INVARIANTS[name](case, plan.to_json())


def test_invariants_see_what_they_check():
    """The good cases give every invariant something to check."""
    plans = {case.shown: compiled(case).plan.to_json() for case in GOOD if None not in known_bugs(_read(case.path))}
    assert any(p["checklist"] for p in plans.values()), "no good plan has a checklist item"
    assert any(p["contingencies"] for p in plans.values()), "no good plan has a contingency"
    assert any(c.startswith("not ") for p in plans.values() for c in (x["condition"] for x in p["contingencies"])), (
        "no good plan has the contingency of a condition that does not hold (the rain branch)")
    assert any(p["deviations"] for p in plans.values()), "no good plan records a deviation"
    assert any(p["visit"] and p["visit"]["kind"] == "occasion" for p in plans.values()), "no good plan is an occasion"
    assert any(model(case).event.overrides for case in GOOD)
