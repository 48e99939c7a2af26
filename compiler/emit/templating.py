"""Load the Jinja2 templates that hold the layout of the HTML outputs, with autoescaping on."""

from __future__ import annotations

import functools
import re

import jinja2
from markupsafe import Markup

_CSS_SAFE = re.compile(r"[A-Za-z0-9 .,:;!?()+=/@§·–—_-]|[^\x00-\x7f]")


@functools.cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("rasim", "templates"),
        autoescape=True,  # every template is HTML; a name such as <script> must print as text
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["css_string"] = _css_string
    return environment


def render_template(name: str, **context) -> str:
    """Render the template `name` (in compiler/templates/) with `context`."""
    return _environment().get_template(name).render(**context)


def _css_string(value: str) -> Markup:
    # Autoescaping protects HTML, not CSS: inside <style> an entity is not
    # decoded, so a quote or "</style>" in a scenario's title must be
    # written as a CSS escape instead. Letters outside ASCII stay as they are.
    out = []
    for char in str(value):
        if _CSS_SAFE.fullmatch(char) and char not in "<>&\\\"'\u2028\u2029":
            out.append(char)
        else:
            out.append(f"\\{ord(char):06x}")
    return Markup('"' + "".join(out) + '"')
