"""The ground floor: errors a user can cause, text that is always data, and files.

Every other package stands on these: one-line errors with exit codes (`errors`), user text
that is never read as markup or escape codes (`safe_text`), atomic owner-only writes and the
one reader for files a user names (`files`), and the rebuildable cache folder (`user_cache`).

May import: nothing else of routewise.
"""
