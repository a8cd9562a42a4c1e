"""`routewise flows new`: a commented starter route that passes `flows check` as written.

The starter cites a placeholder document, so a `documents.yaml` declaring it is
written beside the route when the folder has none. Nothing is ever overwritten
without --force; files are written atomically and owner-only, like every other write.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from routewise.base.errors import WriteError
from routewise.base.files import check_target, write_private
from routewise.flows.locations import DOCUMENTS_FILE

ROUTE_TEMPLATE = """\
# A starter route written by `routewise flows new`. Change the wording to your
# council's protocol, then check it with `routewise flows check FOLDER`, where
# FOLDER is the folder this file is in.
# For completion and checking in VS Code, run
#   routewise flows schema > route.schema.json
# in this folder and make this the first line of the file:
#   # yaml-language-server: $schema=route.schema.json

id: {route_id}                      # the same as the file name, without .yaml
title: {title}
summary: One line saying when this route applies (shown by `routewise routes`).
triage:                             # offer this route in the first question of `routewise triage`
  label: {title}
  help: When to pick this route, and how it differs from its neighbours.
parties: [officer, member]          # who the matter is between (party roles)
source: &protocol                   # where the route comes from
  document: our-protocol            # a document id from documents.yaml
  section: Resolving a concern

start: tried-informally             # the first question (or an outcome)
questions:
  - id: tried-informally
    type: yes-no
    text: Have the officer and the member already tried to settle it between themselves?
    choices:                        # quote "yes" and "no": unquoted, YAML reads them as true/false
      - {{id: "yes", label: "Yes, and it is not settled", next: formal}}
      - {{id: "no", label: "No, not yet", next: informal}}

outcomes:
  - id: informal
    title: Try to settle it informally
    steps:
      - id: talk
        actor: {{together: [officer, member]}}
        action: Meet and try to settle the difference, keeping a short note of what was agreed.
        duty: should                # the document's own word: shall, should, may, can, will
        source: {{<<: *protocol, paragraph: 1}}
  - id: formal
    title: Ask the Monitoring Officer
    steps:
      - id: refer
        actor: [officer, member]    # a list means "one of them"
        contacts: [monitoring-officer]
        action: Ask the Monitoring Officer for advice, with the note of the earlier meeting.
        duty: may
        deadline:
          rule: working-days        # or calendar-days, weeks, months, as-soon-as-possible,
                                    # without-delay (the last two have no count)
          count: 5
          wording: within 5 working days
          counts_from: raised       # raised, an event of this route, or a date question
          counts_from_stated: true  # the document says when the period starts
        source: {{<<: *protocol, paragraph: 2}}
"""

DOCUMENTS_TEMPLATE = """\
# Your council's documents, cited by `source: {document: ...}` in the routes.
documents:
  - id: our-protocol
    title: Our member/officer protocol (replace with the document's full title)
    short: Our protocol            # a short name for citations
    # path: protocol.pdf           # a local copy, relative to this folder (checked)
    # url: https://www.example.gov.uk/protocol
    # date: 2025-04-01             # the version the routes follow
"""


def write_starter(route_id: str, folder: Path, force: bool = False) -> list[Path]:
    """Write the starter route (and documents.yaml if the folder has none): both or neither.

    Both targets are checked before anything is written, so a documents.yaml that is a
    broken link (or anything but a file) stops it with nothing written; and if the second
    write fails, the first is taken back."""
    route_path = folder / f"{route_id}.yaml"
    documents = folder / DOCUMENTS_FILE
    check_target(route_path, force)  # an existing route without --force, a broken link...
    write_documents = not (documents.exists() or documents.is_symlink())
    if not write_documents and not documents.is_file():
        what = (
            "a link to something that does not exist" if documents.is_symlink() else ("not a file")
        )
        raise WriteError(
            documents,
            f"is {what}, so the starter's document cannot be declared there; remove it, or "
            "make it a documents file",
        )
    folder.mkdir(parents=True, exist_ok=True)
    title = route_id.replace("-", " ").capitalize()
    text = ROUTE_TEMPLATE.format(route_id=route_id, title=title)
    written: list[Path] = []
    if write_documents:
        write_private(documents, DOCUMENTS_TEMPLATE)
        written.append(documents)
    try:
        write_private(route_path, text, force=force)
    except BaseException:
        for path in written:  # write both or neither
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return [route_path, *written]
