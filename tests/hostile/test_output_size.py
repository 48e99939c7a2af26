"""Attack: a program whose outputs would fill the memory or the disk.

The outputs are held in memory before they are moved into place, so their
total is bounded: past --max-output-mb (1024 by default) the build stops
with `output-too-large`, exit status 1, and writes nothing.
"""

from __future__ import annotations

import pytest

from emit_helpers import REPO, STATE_VISIT, plan_of, typed
from rasim.cli.commands import main
from rasim.emit.build import BuildOptions, OutputTooLarge, render_outputs


def test_outputs_past_the_limit_stop_the_build(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(STATE_VISIT), "--project", str(REPO / "scenarios"), "-o", str(out),
                 "--only", "timeline,json,swimlane,runsheet", "--quiet", "--max-output-mb", "1"]) == 1
    err = capsys.readouterr().err
    assert "error[output-too-large]" in err and "1,048,576 bytes" in err and "--max-output-mb" in err
    assert not out.exists()


def test_the_limit_counts_every_byte():
    plan = plan_of(STATE_VISIT)
    options = BuildOptions(kinds=frozenset({"timeline"}), languages=("en",))
    total = sum(len(data) for data in render_outputs(typed(plan), options).values())
    assert render_outputs(typed(plan), BuildOptions(kinds=options.kinds, languages=options.languages,
                                             max_output_bytes=total))
    with pytest.raises(OutputTooLarge):
        render_outputs(typed(plan), BuildOptions(kinds=options.kinds, languages=options.languages,
                                          max_output_bytes=total - 1))
