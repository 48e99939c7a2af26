"""The standard library accounts for every article, and labels everything in English and Kazakh."""

from __future__ import annotations

import pytest

from rasim import tree as t
from rasim.tools.coverage import measure_coverage
from rasim.library.load import load_library
from rasim.resources import data_path

LIBRARY = load_library(str(data_path("stdlib")))
EDITIONS = sorted(LIBRARY.editions)
LABELLED = (t.Role, t.Unit, t.Place, t.Ceremony, t.Step, t.Condition, t.Format, t.GuestKind, t.Level,
            t.Quantity, t.Office, t.Provision, t.Symbol, t.Precedence, t.CalendarRule)


def test_the_three_texts_are_there():
    assert {"state_protocol@2013", "state_protocol@2024", "mission_regulation@2021"} <= set(EDITIONS)


@pytest.mark.parametrize("result", measure_coverage(LIBRARY), ids=lambda r: r.edition)
def test_no_article_is_missing(result):
    """Every article is encoded (cited by a declaration or rule) or marked informative with a reason."""
    assert result.has_index, f"{result.edition} has no article index (tools/extract_articles.py)"
    assert not result.missing, f"{result.edition}: articles neither encoded nor informative: {result.missing}"


def _declarations(node):
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, LABELLED):
            yield current
        for child in getattr(current, "items", None) or getattr(current, "members", None) or \
                getattr(current, "places", None) or ():
            if isinstance(child, t.Node):
                stack.append(child)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_declaration_has_an_english_and_a_kazakh_label(edition):
    unlabelled = []
    for path, _, parsed in LIBRARY.editions[edition].files:
        for item in parsed.module.items:
            for node in _declarations(item):
                label = node.label
                if label is None or not label.text or not any(
                        tr.language == "kk" and tr.text for tr in label.translations):
                    unlabelled.append(f"{path}:{node.span.line} {node.name.text}")
    assert not unlabelled, "declarations without an English and a Kazakh label:\n" + "\n".join(unlabelled)


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_rule_cites_its_article(edition):
    """Rules, limits and windows of formats and ceremonies carry their citation."""
    uncited = []
    for path, _, parsed in LIBRARY.editions[edition].files:
        for item in parsed.module.items:
            if isinstance(item, (t.Format, t.Ceremony)):
                for rule in item.items:
                    if isinstance(rule, (t.Rule, t.Limit, t.Window)) and not rule.citations:
                        uncited.append(f"{path}:{rule.span.line}")
    assert not uncited, "rules without a citation:\n" + "\n".join(uncited)
