"""routewise: follow a council's published route for resolving member-officer problems."""

__version__ = "0.1.0"
