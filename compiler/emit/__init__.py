"""Build the outputs of a Plan: timelines, calendars, diagrams, run-sheets.

Every module here reads the Plan (compiler/plan/types.py, docs/plan.md) and
nothing else: timeline_text, timeline_json, swimlane and diagram its
attributes (with common_typed.py), the others still its JSON form
(`plan.to_json()`, with common.py). `build.build_outputs` runs them and writes
the folder in one move.
"""
