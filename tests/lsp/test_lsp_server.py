"""The language server end to end: what an editor shows for a scenario written with Kazakh names."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from lsprotocol import types as lsp

from helpers import open_document, position_of, replace_text

pytestmark = pytest.mark.asyncio(loop_scope="module")

NAME = "kazakh_visit.rasim"


async def test_a_clean_scenario_has_no_errors_and_an_edit_brings_them(client):
    uri, text = await open_document(client, NAME)
    assert [d for d in client.diagnostics[uri] if d.severity == lsp.DiagnosticSeverity.Error] == []
    edited = text.replace("15:00 memorable_gifts", "15:00 memorable_gift")
    found = await replace_text(client, uri, 2, edited)
    assert [(d.code, d.range.start.line) for d in found] == [("unknown-name", 39)]
    assert "did you mean `memorable_gifts`?" in found[0].message
    start = position_of(edited, "memorable_gift ")
    assert (found[0].range.start, found[0].range.end.character) == (start, start.character + len("memorable_gift"))
    # Undo the edit: the error goes away.
    assert [d for d in await replace_text(client, uri, 3, text) if d.severity == lsp.DiagnosticSeverity.Error] == []


async def test_edits_before_and_after_the_reused_items_are_reported_where_they_are(client):
    uri, text = await open_document(client, NAME)
    # A line added to the Kazakh ceremony moves the scenario after it; then an error in the program.
    moved = text.replace("  duration 45 min\n", "  duration 45 min\n  # бір жол\n")
    assert [d for d in await replace_text(client, uri, 2, moved) if d.severity == lsp.DiagnosticSeverity.Error] == []
    edited = moved.replace("15:00 memorable_gifts", "15:00 memorable_gift")
    found = await replace_text(client, uri, 3, edited)
    assert [(d.code, d.range.start) for d in found] == [("unknown-name", position_of(edited, "memorable_gift "))]
    # An error in the ceremony, the items after it unchanged.
    broken = edited.replace("15:00 memorable_gift", "15:00 memorable_gifts").replace(
        "actors president\n", "actors presidnt\n")
    found = await replace_text(client, uri, 4, broken)
    assert [(d.code, d.range.start) for d in found] == [("unknown-name", position_of(broken, "presidnt"))]


async def test_syntax_errors_after_recovery_are_all_reported_at_utf16_columns(client):
    # A flag is two astral characters: four UTF-16 units, two code points.
    broken = 'import state_protocol\nrole посол "Елші 🇰🇿" { side hostside }\nrole атташе "Attaché" { side guestside }\n'
    uri, _ = await open_document(client, "broken.rasim", broken)
    found = [(d.code, d.range.start, d.range.end) for d in client.diagnostics[uri]]
    first, second = position_of(broken, "hostside"), position_of(broken, "guestside")
    assert first.character == 30
    assert found == [("unexpected-token", first, lsp.Position(1, 38)),
                     ("unexpected-token", second, lsp.Position(2, second.character + 9))]


async def test_a_missing_required_ceremony_cites_the_article_and_points_at_the_rule(client):
    _, text = await open_document(client, NAME)
    missing = text.replace("      08:15 airport_meeting_working 20 min at airport\n", "").replace(
        "      18:30 airport_meeting_working 20 min at airport\n", "")
    uri, _ = await open_document(client, "missing.rasim", missing)
    found = [d for d in client.diagnostics[uri] if d.code == "missing-required"]
    assert len(found) == 1
    assert "cite: § 73, 74 of state_protocol@2024" in found[0].message
    # The article in the language of the original, Kazakh for the 2024 edition.
    assert "Әуежайда" in found[0].message
    related = found[0].related_information[0]
    assert related.message == "the rule" and related.location.uri.endswith("/stdlib/state_protocol/2024/heads_of_state.rasim")

    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        lsp.TextDocumentIdentifier(uri), found[0].range, lsp.CodeActionContext(found)))
    titles = [a.title for a in actions]
    assert "Add `airport_meeting_working` to day 1 of the program" in titles
    assert "Record `airport_meeting_working` as a deviation" in titles
    add = next(a for a in actions if a.title.startswith("Add"))
    edit = add.edit.changes[uri][0]
    assert edit.new_text == "      airport_meeting_working\n"
    assert missing.split("\n")[edit.range.start.line] == "    }"


async def test_the_did_you_mean_hint_is_a_quick_fix(client):
    _, text = await open_document(client, NAME)
    uri, edited = await open_document(client, "typo.rasim", text.replace("at akorda\n      18:30", "at akordа\n      18:30"))
    found = [d for d in client.diagnostics[uri] if d.code == "unknown-name"]
    assert len(found) == 1
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        lsp.TextDocumentIdentifier(uri), found[0].range, lsp.CodeActionContext(found)))
    assert [(a.title, a.edit.changes[uri][0].new_text) for a in actions] == [("Replace with `akorda`", "akorda")]


async def test_hover_on_a_kazakh_name_shows_its_labels_and_article(client):
    uri, text = await open_document(client, NAME)
    hover = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(uri), position_of(text, "кездесу at akorda", 3)))
    shown = hover.contents.value
    assert shown.startswith("**ceremony** `кездесу`")
    assert "*en:* Meeting with the business community" in shown and "*kk:* Іскер топпен кездесу" in shown
    assert "§ 13 of state_protocol@2024" in shown and "Ресми сапар бағдарламасын жасаған кезде" in shown
    assert hover.range.start == position_of(text, "кездесу at akorda")


async def test_hover_on_a_library_name_and_on_a_citation(client):
    uri, text = await open_document(client, NAME)
    hover = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(uri), position_of(text, "at akorda\n      16:00", 4)))
    assert hover.contents.value.startswith("**place** `akorda`")
    assert "declared in `state_protocol@2024`" in hover.contents.value
    # The citation after a label holding Cyrillic letters: the column is counted in UTF-16 units.
    hover = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(uri), position_of(text, "§ 13", 2)))
    assert hover.contents.value.startswith("**§ 13 of state_protocol@2024**")
    assert "10) қаланың көрікті объектілеріне бару көзделеді." in hover.contents.value


async def test_definition_goes_into_the_library_the_document_and_the_article_view(client):
    uri, text = await open_document(client, NAME)
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        lsp.TextDocumentIdentifier(uri), position_of(text, "at akorda\n      16:00", 4)))
    assert len(found) == 1 and "/stdlib/state_protocol/2024/" in found[0].uri
    declared = _line_at(found[0])
    assert declared[found[0].range.start.character:].startswith("akorda") and "place akorda" in declared
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        lsp.TextDocumentIdentifier(uri), position_of(text, "кездесу at akorda", 2)))
    assert [(f.uri, f.range.start) for f in found] == [(uri, position_of(text, "кездесу \"Meeting"))]
    found = await client.text_document_definition_async(lsp.DefinitionParams(
        lsp.TextDocumentIdentifier(uri), position_of(text, "§ 13", 2)))
    assert len(found) == 1 and found[0].uri.endswith(".md")
    assert _line_at(found[0]) == "## § 13"


def _line_at(location: lsp.Location) -> str:
    """Return the line of the file a location points at."""
    path = Path(unquote(urlparse(location.uri).path))
    return path.read_text(encoding="utf-8").split("\n")[location.range.start.line]


async def test_references_and_document_symbols(client):
    uri, text = await open_document(client, NAME)
    found = await client.text_document_references_async(lsp.ReferenceParams(
        text_document=lsp.TextDocumentIdentifier(uri), position=position_of(text, "кездесу \"Meeting", 1),
        context=lsp.ReferenceContext(include_declaration=True)))
    assert sorted(f.range.start.line for f in found if f.uri == uri) == [4, 40]
    outline = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(lsp.TextDocumentIdentifier(uri)))
    assert [s.name for s in outline] == ["кездесу", "жұмыс_сапары"]
    assert [s.name for s in outline[0].children] == ["сәлемдесу"]
    day = outline[1].children[0]
    assert day.name == "day 1" and [c.name for c in day.children][-2:] == ["кездесу", "airport_meeting_working"]
    symbols = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams("кезде"))
    assert "кездесу" in [s.name for s in symbols]


async def _labels(client, uri, position) -> dict[str, str]:
    result = await client.text_document_completion_async(lsp.CompletionParams(lsp.TextDocumentIdentifier(uri), position))
    items = result.items if isinstance(result, lsp.CompletionList) else result
    return {item.label: item.detail for item in items}


async def test_completion_offers_the_names_of_the_kind_the_grammar_expects(client):
    uri, text = await open_document(client, NAME)
    edited = text.replace("      16:00 кездесу at akorda\n", "      16:00 кез\n")
    await replace_text(client, uri, 2, edited)
    # A program entry starts with a ceremony: the Kazakh one is offered by its first letters.
    assert await _labels(client, uri, position_of(edited, "16:00 кез", len("16:00 кез"))) == {
        "кездесу": "Meeting with the business community"}
    # After `at`, places with their labels.
    offered = await _labels(client, uri, position_of(edited, "15:00 memorable_gifts 10 min at ", 32))
    assert offered["akorda"] == "Palace of the President Akorda" and "president" not in offered
    # After a Cyrillic name in quotes, the keywords a person may take.
    offered = await _labels(client, uri, position_of(edited, "\"Ә. Серікбаев\" ", len("\"Ә. Серікбаев\" ")))
    assert {"male", "female", "appointed", "level"} <= set(offered)
    # A condition after `when`.
    offered = await _labels(client, uri, position_of(edited, "13:00 working_banquet 90 min when ", 34))
    assert offered["parties_agree"] == "By agreement of the parties" and "akorda" not in offered
    await replace_text(client, uri, 3, text)


async def test_inlay_hints_show_the_computed_times(client):
    uri, text = await open_document(client, NAME)
    hints = await client.text_document_inlay_hint_async(lsp.InlayHintParams(
        lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(0, 0), lsp.Position(60, 0))))
    by_line = {h.position.line: h.label for h in hints}
    line = text[:text.index("16:00 кездесу")].count("\n")
    assert by_line[line] == "16:00–16:45"
    assert hints[[h.position.line for h in hints].index(line)].position == position_of(text, " at akorda\n      18:30")


async def test_inlay_hints_give_the_steps_times_in_the_tooltip_and_at_a_local_step(client):
    uri, text = await open_document(client, NAME)
    hints = await client.text_document_inlay_hint_async(lsp.InlayHintParams(
        lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(0, 0), lsp.Position(60, 0))))
    by_position = {(h.position.line, h.position.character): h for h in hints}
    # The Kazakh ceremony's own step, declared in the file: its time at its name (the ceremony's one step
    # takes the ceremony's time).
    step = by_position[(position_of(text, "сәлемдесу", len("сәлемдесу")).line,
                        position_of(text, "сәлемдесу", len("сәлемдесу")).character)]
    assert step.label == "16:00–16:45"
    # The airport meeting's steps from the library: their times in the call's tooltip, in order.
    meeting = by_position[(position_of(text, "08:15 airport_meeting_working", 29).line,
                           position_of(text, "08:15 airport_meeting_working", 29).character)]
    assert meeting.label == "08:15–08:35"
    lines = meeting.tooltip.value.splitlines()
    # Steps without a duration in the rules: their start in the ceremony's order, and no invented end.
    assert lines[1].startswith("- 08:15, no end State flags raised") and "(`flags`)" in lines[1]
    assert lines[2].startswith("- 08:15, no end Meeting")


async def test_inlay_hints_follow_an_edit_of_the_program(client):
    uri, text = await open_document(client, NAME)
    await replace_text(client, uri, 2, text.replace("16:00 кездесу at akorda", "16:30 кездесу at akorda"))
    hints = await client.text_document_inlay_hint_async(lsp.InlayHintParams(
        lsp.TextDocumentIdentifier(uri), lsp.Range(lsp.Position(0, 0), lsp.Position(60, 0))))
    labels = [h.label for h in hints]
    assert "16:30–17:15" in labels and "16:00–16:45" not in labels
    assert labels.count("16:30–17:15") == 2  # the call's and its one step's


async def test_formatting_returns_the_canonical_layout(client):
    _, text = await open_document(client, NAME)
    messy = text.replace("    level top\n", "    level    top\n")
    uri, _ = await open_document(client, "messy.rasim", messy)
    edits = await client.text_document_formatting_async(lsp.DocumentFormattingParams(
        lsp.TextDocumentIdentifier(uri), lsp.FormattingOptions(2, True)))
    assert len(edits) == 1 and edits[0].new_text == text
