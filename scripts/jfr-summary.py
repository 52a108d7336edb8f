#!/usr/bin/env python3
"""Where a JVM's CPU and allocation went, from a JFR recording (docs/BENCHMARKS.md, "Peers").

usage: scripts/jfr-summary.py RECORDING.jfr

Reads the execution and allocation samples with the JDK's `jfr print` (full stacks, not its
default five frames) and prints: samples by thread; the top frames by self time; for each sample
the innermost Nautilus method (so Jackson's or the JDK's work is charged to the Nautilus call that
asked for it); and, per busy thread, the share of all samples whose stack holds each Nautilus method.
"""

import collections
import json
import subprocess
import sys


def events(recording, event):
    printed = subprocess.run(
        ["jfr", "print", "--json", "--stack-depth", "64", "--events", event, recording],
        check=True, capture_output=True, text=True).stdout
    return json.loads(printed)["recording"]["events"]


def frames(event):
    stack = event["values"].get("stackTrace")
    if not stack:
        return []
    return [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in stack["frames"]]


def product(frame):
    return frame.startswith("dev.nautilus.") and not frame.startswith("dev.nautilus.bench") and "$$Lambda" not in frame


def innermost_nautilus(stack):
    return next((f for f in stack if product(f)), "(no Nautilus frame: %s)" % (stack[0] if stack else "no stack"))


def share(counter, total, limit):
    for name, count in counter.most_common(limit):
        print("  %5.1f%%  %s" % (100.0 * count / total, name))


def main():
    recording = sys.argv[1]
    samples = events(recording, "jdk.ExecutionSample")
    total = len(samples)
    threads = collections.Counter(e["values"]["sampledThread"]["javaName"] for e in samples)
    print("CPU samples: %d" % total)
    print("\nby thread:")
    share(threads, total, 6)
    print("\ntop frames (self time):")
    share(collections.Counter((frames(e) or ["?"])[0] for e in samples), total, 15)
    print("\ninnermost Nautilus method (with the JDK / Jackson / Lettuce work below it):")
    share(collections.Counter(innermost_nautilus(frames(e)) for e in samples), total, 20)
    print("\nper thread, share of all samples whose stack holds the method:")
    for thread, _ in threads.most_common(3):
        inclusive = collections.Counter()
        for e in samples:
            if e["values"]["sampledThread"]["javaName"] == thread:
                inclusive.update(f for f in set(frames(e)) if product(f))
        print(" ", thread)
        share(inclusive, total, 14)
    allocations = events(recording, "jdk.ObjectAllocationSample")
    weights = collections.Counter()
    for e in allocations:
        weights[innermost_nautilus(frames(e))] += e["values"]["weight"]
    print("\nallocation (sampled bytes) by innermost Nautilus method:")
    share(weights, sum(weights.values()) or 1, 15)


if __name__ == "__main__":
    main()
