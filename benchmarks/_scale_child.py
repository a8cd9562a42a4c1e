"""One measurement of the scale benchmark, in a fresh process; prints JSON on stdout.

python benchmarks/_scale_child.py time FLOWS RUNS   -> load+check wall times, no cache
python benchmarks/_scale_child.py memory FLOWS      -> peak RSS growth of one load
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

from routewise.flow_files import default_flows_dir
from routewise.loader import load_catalogue


def load(directory: Path) -> Any:
    try:
        return load_catalogue(directory, cache=False)  # type: ignore[call-arg]
    except TypeError:  # before the flow cache existed
        return load_catalogue(directory)


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def main() -> None:
    mode, directory = sys.argv[1], Path(sys.argv[2])
    sys.setrecursionlimit(
        1000
    )  # the default: a recursive walk must fail here as it would for users
    load(default_flows_dir())  # pydantic builds its validators on first use: not the flow's cost
    if mode == "time":
        times = []
        for _ in range(int(sys.argv[3])):
            start = time.perf_counter()
            load(directory)
            times.append(time.perf_counter() - start)
        print(json.dumps({"times": times}))
    elif mode == "memory":
        before = rss_bytes()
        load(directory)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(json.dumps({"peak_growth": max(peak - before, 0)}))
    else:
        sys.exit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
