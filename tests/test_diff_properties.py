"""Properties of the rule diff: nothing from a library to itself, exactly the edit made, inverses both ways."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rasim.diff.changes import change_line
from rasim.diff.compare import diff_views
from rasim.diff.sides import view_of_text

ROLES = ("president", "minister", "akim")
MODALITIES = ("shall", "may", "as_a_rule", "shall not")


def library(p: dict, edition: str) -> str:
    """Write a small library file from the parameters `p`."""
    condition = f" when {p['condition']}" if p["condition"] else ""
    permission = " deviable_by ministry_of_foreign_affairs changing drop" if p["deviable"] else ""
    actors = ", ".join(p["actors"])
    ranks = "".join(f"  {number} {role} § 6\n" for role, number in zip(ROLES, p["ranks"]))
    return (f"rules of {edition}\n\n"
            f'format official_visit "Official visit" § 1 {{\n  for head_of_state § 1\n'
            f"  limit delegation_at_host_expense <= {p['limit']} people § 2\n"
            f"  window working_group_arrival >= {p['window']} days before arrival § 3\n"
            f"  {p['modality']} airport_welcome{condition}{permission} § 4\n}}\n\n"
            f'ceremony airport_welcome "Welcoming ceremony" § 4 {{\n'
            f'  step ramp_meeting "Meeting at the ramp" § 4 {{\n    lead {p["lead"]}\n    actors {actors}\n'
            f"    duration {p['duration']} min § 4\n  }}\n}}\n\n"
            f'precedence domestic "Order of precedence" § 6 {{\n{ranks}}}\n\n'
            f'calendar independence_day "Independence Day" : on {p["day"]} december § 7\n')


LIBRARIES = st.fixed_dictionaries({
    "limit": st.integers(1, 30), "window": st.integers(1, 10), "modality": st.sampled_from(MODALITIES),
    "condition": st.sampled_from([None, "weather_permitting"]), "deviable": st.booleans(),
    "lead": st.sampled_from(ROLES), "actors": st.sampled_from([("minister",), ("minister", "akim")]),
    "duration": st.integers(5, 60), "ranks": st.just((1, 2, 3)), "day": st.integers(1, 28),
})

# Each edit: the parameter it changes, another value for it, and the kind of change the diff must name.
EDITS = {
    "limit": ("limit", lambda v: v + 1), "window": ("window", lambda v: v + 2),
    "modality": ("modality", lambda v: MODALITIES[(MODALITIES.index(v) + 1) % len(MODALITIES)]),
    "condition": ("condition", lambda v: None if v else "parties_agree"),
    "deviable": ("deviation", lambda v: not v), "lead": ("lead", lambda v: ROLES[(ROLES.index(v) + 1) % 3]),
    "actors": ("participants", lambda v: ("minister",) if len(v) == 2 else ("minister", "akim")),
    "duration": ("duration", lambda v: v + 5), "ranks": ("precedence", lambda v: (1, 2, 4)),
    "day": ("calendar", lambda v: v % 28 + 1),
}


def view(p: dict, edition: str):
    return view_of_text(f"{edition}.rasim", library(p, edition).encode(), Path("."))


def _key(change) -> tuple:
    return (change.kind, change.action, change.item, change.old, change.new, change.verdict,
            tuple(r.number for r in change.old_citation.refs), tuple(r.number for r in change.new_citation.refs))


@settings(max_examples=40, deadline=None)
@given(LIBRARIES)
def test_a_library_has_no_diff_with_itself(p):
    assert diff_views(view(p, "demo@2000"), view(p, "demo@2000")) == []


@settings(max_examples=60, deadline=None)
@given(LIBRARIES, st.sampled_from(sorted(EDITS)))
def test_an_edit_gives_a_diff_naming_exactly_that_edit(p, field):
    kind, edit = EDITS[field]
    edited = dict(p, **{field: edit(p[field])})
    found = diff_views(view(p, "demo@2000"), view(edited, "demo@2001"))
    assert [c.kind for c in found] == [kind], [change_line(c) for c in found]


@settings(max_examples=60, deadline=None)
@given(LIBRARIES, LIBRARIES)
def test_the_diff_backwards_is_the_inverse(a, b):
    forwards = diff_views(view(a, "demo@2000"), view(b, "demo@2001"))
    backwards = diff_views(view(b, "demo@2001"), view(a, "demo@2000"))
    assert sorted(_key(c.inverted()) for c in forwards) == sorted(_key(c) for c in backwards)
