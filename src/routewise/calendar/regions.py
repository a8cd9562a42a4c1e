"""The regions whose bank holidays routewise knows, and the years its calendar covers.

Kept apart from the working-day arithmetic so that the holiday table and the typed
dates can share them without importing each other.
"""

from typing import Literal

Region = Literal["england-and-wales", "scotland", "northern-ireland", "uk-any"]
REGIONS: dict[str, tuple[str, ...]] = {
    "england-and-wales": ("ENG",),
    "scotland": ("SCT",),
    "northern-ireland": ("NIR",),
    "uk-any": ("ENG", "SCT", "NIR"),
}
REGION_NAMES = {
    "england-and-wales": "England and Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
    "uk-any": "any part of the UK (Freedom of Information Act reading)",
}
EARLIEST_YEAR, LATEST_YEAR = 1990, 2100
