"""Rasim: a language and compiler for diplomatic protocol scenarios."""

__version__ = "0.1.0"
