"""The validated shapes routewise works with: flow files, the plan, a person, the titles.

Flow files are pydantic models (`common`, `documents`, `roles`, `route`, `triage`,
`catalogue`); the plan every output shares is frozen dataclasses (`plan`). `policy` holds the
one small function that applies the rule that a party never handles their own matter.

May import: base, calendar.
"""
