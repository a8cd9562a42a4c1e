"""The ground floor: errors a user can cause, text that is always data, and files.

Every other package stands on these: one-line errors with exit codes (`errors`), user text
that is never read as markup or escape codes (`safe_text`), atomic owner-only writes and the
one reader for files a user names (`files`), the rebuildable cache folder (`user_cache`), and
a PostgreSQL URL told from a file and never shown with its password (`database_url`).

May import: nothing else of routewise.
"""
