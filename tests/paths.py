"""Where the tests' own data lives, for test modules in any folder."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
"""The repository: README.md, docs/, examples/, flows/."""
SHARED = ROOT.parent / "shared"
"""The shared folder beside the repository: the seed documents."""
ANSWERS = TESTS / "answers"
EXAMPLE_FLOWS = ROOT / "examples" / "flows"
PARISH_FLOWS = TESTS / "parish-flows"
"""A made-up parish procedure a governance officer wrote from the README and the guide alone
(issue 18's second helper): stand-ins on answers, each separately, distinct roles, its own
adviser and date label, and answers that mark steps done."""
