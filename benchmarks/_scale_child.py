"""One measurement of the scale benchmark, in a fresh process; prints JSON on stdout.

python benchmarks/_scale_child.py bare FOLDER          -> the floor: yaml.load of every file
python benchmarks/_scale_child.py bare-memory FOLDER   -> peak RSS growth of that yaml.load
python benchmarks/_scale_child.py memory FOLDER        -> peak RSS growth of routewise's load
python benchmarks/_scale_child.py time FOLDER RUNS     -> in-process load+check times, no cache

The floor is what any program reading these files must do at least: PyYAML with libyaml
(`yaml.load(text, Loader=yaml.CSafeLoader)`) on every file, keeping the values, with the
cyclic collector paused (routewise pauses it while loading, so both sides do).
"""

from __future__ import annotations

import gc
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def reset_peak() -> bool:
    """Start the peak RSS again from now (Linux 4.0+), so it is this load's peak alone.

    `ru_maxrss` cannot be reset, and on Linux it carries over from the parent at fork.
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


def bare(folder: Path) -> list[Any]:
    import yaml

    files = sorted(folder.glob("*.yaml"))
    return [yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for f in files]


def routewise(folder: Path) -> Any:
    from routewise.flows.folders import load_flows

    flows = load_flows([folder], cache=False)
    if flows.errors:
        sys.exit(f"the generated folder has errors: {flows.errors[0]}")
    return flows


def growth(load: Any, folder: Path) -> int:
    before = rss_bytes()
    reset = reset_peak()
    kept = load(folder)
    peak = peak_bytes() if reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    del kept
    return max(peak - before, 0)


def main() -> None:
    mode, folder = sys.argv[1], Path(sys.argv[2])
    sys.setrecursionlimit(1000)  # the default: a recursive walk must fail here as for users
    gc.disable()
    if mode == "bare":
        bare(folder)
        print(json.dumps({}))
    elif mode == "bare-memory":
        import yaml  # noqa: F401  (imported before the peak is reset, as routewise is)

        print(json.dumps({"peak_growth": growth(bare, folder)}))
    elif mode == "memory":
        from routewise.flows.folders import load_flows

        load_flows([], cache=False)  # pydantic builds its validators on first use
        print(json.dumps({"peak_growth": growth(routewise, folder)}))
    elif mode == "time":
        from routewise.flows.folders import load_flows

        load_flows([], cache=False)
        times = []
        for _ in range(int(sys.argv[3])):
            start = time.perf_counter()
            routewise(folder)
            times.append(time.perf_counter() - start)
        print(json.dumps({"times": times}))
    else:
        sys.exit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
