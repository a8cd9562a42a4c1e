"""One writer of `team.py`'s throughput run: notes appended in process through the storage
path `case note` takes (`cases.append_note`: one short transaction that raises the case's
version and adds the entry), with no command start-up. With `--planned`, through
`cases.append` instead, as an event or a step done is recorded (the case read, its plan
worked out again, the write checked against the version read), for comparison.

Usage: python _team_writer.py NUMBER COUNT START [--planned]
(START: a time.time() all writers wait for)
Prints one JSON line: when it started and ended, and how many entries it recorded.
"""

from __future__ import annotations

import json
import sys
import time

from routewise.commands.case import open_register
from routewise.register import clock
from routewise.register.cases import append, append_note
from routewise.register.entries import add_note


def main() -> None:
    number, count, start = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    reg = open_register(None)
    assert reg is not None
    planner = reg.planner
    _ = planner.catalogue  # the flows loaded before the clock starts, as in a running command
    while time.time() < start:
        time.sleep(0.001)
    began = time.time()
    for n in range(count):
        reference = "SHARED" if n % 2 else f"OWN-{number}"
        text = f"writer {number} entry {n}"
        if "--planned" in sys.argv:
            append(
                reg.store,
                planner,
                reference,
                lambda case, text=text: add_note(case, text, reg.today),  # type: ignore[misc]
                at=clock.now,
                by=reg.who,
                today=reg.today,
            )
        else:
            new = add_note(None, text, reg.today)
            append_note(reg.store, reference, new, at=clock.now(), by=reg.who)
    ended = time.time()
    reg.store.close()
    print(json.dumps({"began": began, "ended": ended, "count": count}))


if __name__ == "__main__":
    main()
