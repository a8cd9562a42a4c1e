"""Where the tests' own data lives, for test modules in any folder."""

from pathlib import Path

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
"""The repository: README.md, docs/, examples/, flows/."""
SHARED = ROOT.parent / "shared"
"""The shared folder beside the repository: the seed documents."""
ANSWERS = TESTS / "answers"
EXAMPLE_FLOWS = ROOT / "examples" / "flows"
