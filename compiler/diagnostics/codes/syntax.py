"""Codes of the reading and parsing stages: encoding, lexing, syntax, values."""

from . import Code

SYNTAX_CODES: tuple[Code, ...] = (
    Code(
        "unexpected-token",
        "The parser met a word or symbol it cannot use at this point.",
        """The text is not a valid Rasim statement at this point. The message names
what the parser found and, in plain words, what it could have accepted instead.

The parser recovers and goes on, so one run reports every syntax error of a
file; an error early in a block can make the parser misread a few words after
it, so fix the first error first when several sit close together.

    format state_visit {
      limit stay 3 days        # error: unexpected-token (a comparison such as <= is missing)
    }
""",
    ),
    Code(
        "unexpected-character",
        "A character that cannot start any word, number or symbol of the language.",
        """Rasim text is made of names (letters, digits and underscores, in any
script), quoted texts, numbers, dates (2027-05-12), clock times (09:30), time
zones (Asia/Almaty), citations (§ 31) and a few symbols: { } ( ) : ; , . = @
< > and "..". Any other character outside a quoted text or a comment is an error.

    role president $ "President"    # error: unexpected-character
""",
    ),
    Code(
        "unexpected-end",
        "The file ends in the middle of a statement or a block.",
        """The file ended while a statement or a block was still open: most often a
closing brace `}` is missing. The parser closes the open blocks itself to go on
checking, and the diagnostic points at the end of the file and names what was
expected.
""",
    ),
    Code(
        "unterminated-string",
        "A quoted text has no closing quote on its line.",
        """Quoted texts ("State visit") must end on the line they start on. Add the
closing double quote. To put a quote inside a text, write it as \\" .

    role president "President of the Republic    # error: unterminated-string
""",
    ),
    Code(
        "invalid-escape",
        "A backslash in a quoted text is followed by a character it cannot escape.",
        """Inside a quoted text a backslash may only start \\" (a quote), \\\\ (a
backslash), \\n (a new line) or \\t (a tab). Any other letter after a backslash
is an error, because it is usually a Windows path or a typing slip.
""",
    ),
    Code(
        "reserved-word",
        "A keyword of the language is used as a name.",
        """Keywords such as `shall`, `step`, `when` or `day` are reserved: they cannot
name a role, a place, a ceremony or anything else, because a reader (and the
formatter) could no longer tell a rule from a name. Choose another name, for
example `day_one` instead of `day`. `rasim explain reserved-word` lists them:

{keywords}
""",
    ),
    Code(
        "missing-comparison",
        "A limit or a window has no comparison such as <= or >=.",
        """Limits and windows compare a quantity with a bound, and the comparison
must be written: `<=` (at most), `>=` (at least), `<`, `>` or `=`.

    limit stay <= 3 days
    window working_group_arrival >= 5 days before arrival
""",
    ),
    Code(
        "missing-label-quotes",
        "A label or a person's name is written without quotes.",
        """Labels, names of persons and other free texts are quoted, so that they can
hold spaces and any script: `role president "President"`, `guest "Jane Doe"
head_of_state`. A bare word in their place is read as a name and fails.
""",
    ),
    Code(
        "missing-brace",
        "A block is not opened with `{` or a statement stands where `{` belongs.",
        """Declarations that hold other statements (format, ceremony, step with details,
scenario, visit, program, day, people) open their body with `{` and close it
with `}`. The parser expected an opening brace here.
""",
    ),
    Code(
        "stray-closing-brace",
        "A `}` closes a block that was never opened.",
        """There are more closing braces than opening ones at this point. Remove the
extra `}` or add the missing `{` before it.
""",
    ),
    Code(
        "time-without-date",
        "An arrival or a departure gives a clock time without a date.",
        """`arrive` and `depart` need a full moment: a date, a 24-hour clock time and,
optionally, a time zone, e.g. `arrive 2027-05-12 09:30 Asia/Almaty`.
""",
    ),
    Code(
        "invalid-date",
        "A date that does not exist in the calendar, such as 2027-02-30.",
        """Dates are written YYYY-MM-DD and must exist in the Gregorian calendar.""",
    ),
    Code(
        "invalid-time",
        "A clock time outside 00:00-23:59.",
        """Clock times are written HH:MM on the 24-hour clock, from 00:00 to 23:59.""",
    ),
    Code(
        "expected-whole-number",
        "A number with a fraction where only a whole number makes sense.",
        """Ranks in a precedence table, day numbers, counts, terms and edition years
are whole numbers. Durations may have fractions (1.5 h).
""",
    ),
    Code(
        "invalid-calendar-rule",
        "A calendar rule names a month, a weekday or an ordinal that does not exist.",
        """Calendar rules are written `on 16 december` or `on second wednesday of
january next_year after election`. Months are january ... december, weekdays
monday ... sunday, ordinals first, second, third, fourth, fifth or last, and
a day of the month must exist in that month.
""",
    ),
    Code(
        "nesting-too-deep",
        "Blocks or parentheses are nested deeper than the compiler accepts.",
        """Rasim files nest a few levels deep (scenario, program, day, call). A file
with hundreds of nested braces or parentheses is almost certainly damaged; the
compiler refuses it at the first level past the limit instead of running out of
stack.
""",
    ),
    Code(
        "too-many-errors",
        "More syntax errors than are reported: the closing line says how many more were found.",
        """The parser reports the first 50 syntax errors of a file (`--max-errors N`
changes the number), then this one, which says how many more it found. It goes
on reading the file only to count them; past 20,000 errors of any kind it stops
counting and says "at least". So many errors usually mean that the file is not
Rasim text at all (another format, or a file damaged by a bad merge). Fix the
first errors and run again.
""",
    ),
    Code(
        "file-too-large",
        "A source file larger than the limit (1 MB unless --max-file-size says otherwise).",
        """The largest file of the standard library is about 34 KB, so a scenario of
more than a megabyte is almost certainly not one (a log, an archive, a file
written in a loop). The file is refused before it is read, so that a huge file
costs neither the time nor the memory to load it. `--max-file-size BYTES`
raises the limit when a generated file really is that large.
""",
    ),
    Code(
        "special-file",
        "A path names a FIFO, a device or a socket, not a regular file.",
        """Rasim reads regular files only. Reading a named pipe would wait for a writer
forever and reading a device such as /dev/zero would never end, so both are
refused without opening them: on the command line, in an import, and in a
folder that `rasim check` searches (where they are skipped).
""",
    ),
    Code(
        "line-too-long",
        "A line longer than the limit (10,000 characters unless --max-line-length says otherwise).",
        """The longest line of the standard library has about 540 characters. A line of
many thousands is a damaged or generated file, and reading it would take the
lexer and the parser far more memory than the file's size, so the file is
refused before it is parsed. `--max-line-length N` raises the limit.
""",
    ),
    Code(
        "too-many-items",
        "More steps, program calls or program days in one file than the limit.",
        """A real scenario has a few days and a few dozen calls; the standard library
declares a few hundred steps. Past 10,000 steps, 10,000 calls or 1,000 program
days in one file the compiler stops after parsing, so that a generated or
hostile file cannot make the scheduler and the plan run for minutes. The
flags `--max-steps`, `--max-calls` and `--max-days` raise the limits.
""",
    ),
    Code(
        "bidi-control",
        "A character that reorders how text is shown (a bidirectional override or isolate).",
        """Unicode's embedding, override and isolate characters (U+202A-U+202E and
U+2066-U+2069) change the order in which an editor or a terminal shows the
text around them, so that a line can read differently from what the compiler
reads (the "Trojan Source" attack, CVE-2021-42574). They are never needed in a
scenario: a right-to-left text is shown correctly when written in its natural
order. The warning points at the first such character of each line.

    condition ok "Agreed\u202e"     # warning: bidi-control
""",
    ),
    Code(
        "invalid-encoding",
        "The file is not valid UTF-8 text.",
        """Rasim files are UTF-8. The file contains bytes that are not valid UTF-8 at
the position shown: save it again as UTF-8 (most editors offer it in the save
dialog).
""",
    ),
    Code(
        "unreadable-file",
        "A file or folder named on the command line cannot be read.",
        """The path does not exist, is not readable, or is neither a .rasim file nor
a folder. Check the spelling of the path.
""",
    ),
    Code(
        "internal-error",
        "The compiler itself failed: please report it.",
        """Something went wrong inside the compiler, not in your file. The run stops
with exit status 3 and no output is written. Please report the bug with the file
that caused it and the details printed under the diagnostic.
""",
    ),
)
