"""Build the outputs of a Plan: timelines, calendars, diagrams, run-sheets.

Every module here reads the Plan's attributes (compiler/plan/types.py,
docs/plan.md) and nothing else, with the helpers of common.py; only plan.json
and timeline.json write its JSON form. `build.build_outputs` runs them and
writes the folder in one move.
"""
