"""Attack: roles named in Kazakh, or so that their names clash, used to share one output file.

Two Kazakh-named roles both became `role-_.html` and `_.ics`, the second
overwriting the first with exit status 0. Now every name is transliterated
to readable Latin, and names that still clash get a short hash each; the
build says so in a note. What must not happen: two roles in one file, a file
name outside [A-Za-z0-9._-], or a name that depends on the order of roles.
"""

from __future__ import annotations

import re

from emit_helpers import REPO, plan_of, typed
from rasim.cli.commands import main
from rasim.emit.build import BuildOptions, render_outputs
from rasim.emit.names import file_stems, slug, transliterate

SMALL = REPO / "scenarios" / "2021-01-inauguration-elected-president.rasim"
FAST = BuildOptions(kinds=frozenset({"calendar", "runsheet"}), languages=("en",))


def renamed_plan(renames: dict[str, str]) -> dict:
    """Return the small example's plan with roles renamed wherever a row names them."""
    plan = plan_of(SMALL)
    for row in plan["rows"]:
        for person in ([row["lead"]] if row.get("lead") else []) + list(row.get("participants") or ()):
            person["role"] = renames.get(person["role"], person["role"])
    return plan


def test_kazakh_letters_are_transliterated_by_the_2021_alphabet():
    assert transliterate("Әйгерім Шәкен") == "Aigerim Shaken"
    assert slug("мейман") == "meiman"
    assert slug("қорғаныс_министрі") == "qorganys_ministri"
    assert slug("ұлттық_ұлан") == "ulttyq_ulan"
    assert slug("Ёлка-Щука") == "Iolka-Shchuka"


def test_kazakh_roles_get_distinct_readable_files():
    plan = renamed_plan({"president_elect": "сайланған_президент", "minister_of_defence": "қорғаныс_министрі"})
    files = render_outputs(typed(plan), FAST)
    assert "en/runsheet/role-sailangan_prezident.html" in files
    assert "en/runsheet/role-qorganys_ministri.html" in files
    assert "en/calendar/sailangan_prezident.ics" in files and "en/calendar/qorganys_ministri.ics" in files
    assert all(re.fullmatch(r"[A-Za-z0-9._/-]+", name) for name in files), sorted(files)


def test_names_that_clash_get_a_hash_each():
    # `мейман` and `меиман` (й and и) both read `meiman`; `Guest` and `guest` clash on a file system that folds case.
    plan = renamed_plan({"president_elect": "мейман", "minister_of_defence": "меиман",
                         "chairman_of_constitutional_council": "Guest", "guard_of_honour": "guest"})
    files = render_outputs(typed(plan), FAST)
    sheets = sorted(name for name in files if name.startswith("en/runsheet/role-"))
    assert len(sheets) == 8, "one sheet per role: none overwrote another"
    meiman = [name for name in sheets if "meiman" in name]
    assert len(meiman) == 2 and all(re.search(r"meiman-[0-9a-f]{6}\.html$", name) for name in meiman)
    assert len({name.casefold() for name in files}) == len(files), "no two files differ only in case"
    # Each sheet is its own role's: its header names the role it was made for.
    stems = file_stems(["мейман", "меиман"])
    for role in ("мейман", "меиман"):
        calendar = files[f"en/calendar/{stems[role]}.ics"].decode()
        assert calendar.count("BEGIN:VEVENT") == sum(1 for call in plan["calls"] if call.get("start") and any(
            role in [p["role"] for p in ([r["lead"]] if r.get("lead") else []) + list(r.get("participants") or ())]
            for r in plan["rows"] if r["cue"].rsplit("-", 1)[0] == call["cue"]))


def test_stems_do_not_depend_on_the_order_of_names():
    names = ["мейман", "меиман", "guest", "Guest", "all", "中文", "日本"]
    assert file_stems(names) == file_stems(list(reversed(names)))
    assert len(set(file_stems(names).values())) == len(names)
    assert file_stems(["all", "guest"], reserved=("all",))["all"] != "all", "a role `all` keeps the calendar of all"
    chinese = file_stems(["中文", "日本"])
    assert chinese["中文"] != chinese["日本"] and all(re.fullmatch(r"x[0-9a-f]{6}", s) for s in chinese.values())


def test_the_build_notes_a_clash(tmp_path, capsys):
    from rasim.emit.build import name_clashes

    plan = renamed_plan({"president_elect": "мейман", "minister_of_defence": "меиман"})
    notes = name_clashes(typed(plan))
    assert notes == ["roles `меиман`, `мейман` would share the file name `meiman`: each file name ends in a "
                     "short hash of its role's name"]
    assert main(["build", str(SMALL), "-o", str(tmp_path / "out"), "--only", "calendar", "--lang", "en"]) == 0
    assert "file-name-clash" not in capsys.readouterr().err, "no note when nothing clashes"
