"""Shared pytest configuration: the option that regenerates expected-output files."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add --update-expected, which rewrites expected files instead of comparing with them."""
    parser.addoption(
        "--update-expected",
        action="store_true",
        default=False,
        help="rewrite the expected outputs beside the test cases (tests/cases/**) instead of comparing",
    )


@pytest.fixture
def update_expected(request: pytest.FixtureRequest) -> bool:
    """Tell whether this run rewrites the expected files (pytest --update-expected)."""
    return bool(request.config.getoption("--update-expected"))
