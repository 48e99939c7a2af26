"""Codes of the diagnostics about outputs: what a build or `rasim fmt` could not write, and why."""

from __future__ import annotations

from . import Code

OUTPUT_CODES: tuple[Code, ...] = (
    Code(
        "cannot-write",
        "The system refused to write an output (a read-only folder, a full disk).",
        """The file or folder named could not be written, for the reason the system
gave (no space left on device, permission denied, read-only file system). The
exit status is 1. A build writes into a temporary folder first, so the previous
build is left as it was; `rasim fmt` writes each file to a temporary file and
renames it, so the original is left as it was. Free some space or choose a
folder you can write to, and run the command again.
""",
    ),
    Code(
        "output-folder-refused",
        "The output folder holds files the build did not write, so it is not replaced.",
        """`rasim build` replaces its output folder as a whole, but only a folder that
is empty or that an earlier build made and nobody changed since: each build
writes a manifest (.rasim-build) listing every file with its SHA-256, and the
folder is replaced only when its files match it. A file you added or edited is
named in the message and nothing is deleted. Move those files out, or build
into another folder (-o).
""",
    ),
    Code(
        "output-too-large",
        "The outputs would pass the size limit of a build.",
        """A build keeps its outputs in memory before moving them into place, so their
total size is bounded (1024 MB by default, far above any real program). Build
fewer kinds (--only), one language (--lang) or one role (--role), or raise the
limit with --max-output-mb.
""",
    ),
    Code(
        "unreadable-since",
        "The --since file cannot be read as a previous plan.",
        """--since names the plan.json of the previous revision (or its build folder).
It must be a regular file (not a device or a pipe), at most 256 MB (raise it
with --max-since-mb), valid UTF-8 JSON, and a plan in the shape `rasim plan
--format json` writes: a format_version this Rasim reads and rows whose cues,
labels, times and people are of the right kinds. The message says which part
is not.
""",
    ),
    Code(
        "file-name-clash",
        "Several roles or venues would share one output file name; each name got a short hash.",
        """Output file names are made readable in Latin letters (Kazakh is transliterated
by the 2021 Latin alphabet), so two names can come out the same: `мейман` and
`меиман`, or `Guest` and `guest` on a file system that ignores case. Then each
of their files ends in a short hash of its name (role-meiman-3f2a1c.html), so
that no file overwrites another. Rename one of them in the library to get
plain file names.
""",
    ),
)
