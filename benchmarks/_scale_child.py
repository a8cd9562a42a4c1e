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

from routewise.flows.loader import load_catalogue
from routewise.flows.locations import default_flows_dir


def load(directory: Path) -> Any:
    try:
        return load_catalogue(directory, cache=False)  # type: ignore[call-arg]
    except TypeError:  # before the flow cache existed
        return load_catalogue(directory)


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def reset_peak() -> bool:
    """Start the peak RSS again from now (Linux 4.0+), so it is this load's peak alone.

    `ru_maxrss` cannot be reset, and on Linux it carries over from the parent at fork:
    after the parent generated a 100,000-node flow (about 100 MB), every smaller flow
    measured next seemed to need those 100 MB too.
    """
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
        return peak_bytes() > 0
    except OSError:
        return False


def peak_bytes() -> int:
    """VmHWM: the peak RSS of this process since it started or since `reset_peak`."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


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
        reset = reset_peak()
        load(directory)
        peak = peak_bytes() if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(json.dumps({"peak_growth": max(peak - before, 0)}))
    else:
        sys.exit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
