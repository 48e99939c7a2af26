"""The committed reference pages under docs/stdlib/ are what `rasim reference` writes from stdlib/ now."""

from __future__ import annotations

from pathlib import Path

from rasim.cli.commands import main

REPO = Path(__file__).resolve().parent.parent


def test_reference_pages_are_up_to_date(tmp_path, capsys):
    assert main(["reference", "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    written = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in (REPO / "docs" / "stdlib").iterdir())
    assert written == committed, "run `rasim reference -o docs/stdlib`"
    for name in written:
        assert (tmp_path / name).read_text("utf-8") == (REPO / "docs" / "stdlib" / name).read_text("utf-8"), (
            f"docs/stdlib/{name} is stale: run `rasim reference -o docs/stdlib`")


def test_every_edition_has_a_page_with_its_formats_and_ceremonies(tmp_path, capsys):
    main(["reference", "-o", str(tmp_path)])
    capsys.readouterr()
    page = (tmp_path / "state_protocol-2013.md").read_text("utf-8")
    assert "### `state_visit`" in page and "## Ceremonies" in page
    assert "§ " in page


def test_every_kind_of_name_is_listed_with_both_labels(tmp_path, capsys):
    main(["reference", "-o", str(tmp_path)])
    capsys.readouterr()
    page = (tmp_path / "state_protocol-2024.md").read_text("utf-8")
    for title in ("## Visit formats", "## Ceremonies", "## Conditions", "## Roles", "## Units", "## Places",
                  "## Levels", "## Guest kinds", "## Quantities", "## State symbols"):
        assert title in page, title
    row = next(line for line in page.split("\n") if line.startswith("| `akorda` |"))
    assert "Palace of the President Akorda" in row and "Ақорда" in row
    assert "| `deputy_akim` |" in page
