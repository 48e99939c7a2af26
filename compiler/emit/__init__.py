"""Build the outputs of a Plan: timelines, calendars, diagrams, run-sheets.

Every module here reads the Plan (plain data, docs/plan.md) and nothing else;
`build.build_outputs` runs them and writes the folder in one move.
"""
