#!/usr/bin/env python3
"""The Python original's kind of store: a multiprocessing.Manager().dict() used from a child.

The original Python bot framework shares state between processes through a Manager dict proxy:
every get and set is a round trip from the child to the manager's server process. This script
measures that from one child process with one caller, for each value size, a set phase then a
get phase, and prints one JSON object per phase on standard output. Standard library only.
"""

import argparse
import json
import multiprocessing
import sys
import time

KEY_COUNT = 256


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def run_phase(shared, op, keys, value, warmup, duration):
    """Closed loop: one call after another; warm-up calls are not recorded."""
    call = (lambda key: shared.__setitem__(key, value)) if op == "set" else shared.get
    i = 0
    end_warmup = time.perf_counter() + warmup
    while time.perf_counter() < end_warmup:
        call(keys[i % KEY_COUNT])
        i += 1
    latencies = []
    record = latencies.append
    clock = time.perf_counter_ns
    end = clock() + int(duration * 1e9)
    start = clock()
    began = start
    while start < end:
        call(keys[i % KEY_COUNT])
        i += 1
        done = clock()
        record(done - start)
        start = done
    elapsed = (start - began) / 1e9
    latencies.sort()
    return {
        "op": op,
        "size": len(value),
        "ops_per_sec": len(latencies) / elapsed if elapsed > 0 else 0.0,
        "p50_us": percentile(latencies, 0.50) / 1000.0,
        "p99_us": percentile(latencies, 0.99) / 1000.0,
    }


def child(shared, sizes, warmup, duration, results):
    for size in sizes:
        keys = ["bench:%d:%d" % (size, i) for i in range(KEY_COUNT)]
        value = "v" * size
        for key in keys:
            shared[key] = value
        for op in ("set", "get"):
            results.put(run_phase(shared, op, keys, value, warmup, duration))
    results.put(None)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="32,4096")
    parser.add_argument("--warmup", type=float, default=0.5)
    parser.add_argument("--duration", type=float, default=2.0)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with multiprocessing.Manager() as manager:
        shared = manager.dict()
        results = multiprocessing.Queue()
        process = multiprocessing.Process(target=child, name="manager-bench-child",
                                          args=(shared, sizes, args.warmup, args.duration, results))
        process.start()
        while True:
            result = results.get()
            if result is None:
                break
            result["python"] = sys.version.split()[0]
            print(json.dumps(result), flush=True)
        process.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
