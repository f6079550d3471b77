#!/usr/bin/env python3
"""Top frames of a JFR recording's CPU samples, for the overhead work (docs/BENCHMARKS.md).

Usage: bench/jfr-top.py RECORDING.jfr [THREAD_SUBSTRING] [FRAME_SUBSTRING]
Prints sample counts per thread group (digits folded), then for the threads whose name contains
THREAD_SUBSTRING the frames by inclusive samples (those containing FRAME_SUBSTRING) and by self.
Record with bench/profile-1ms.jfc for one sample a millisecond.
"""
import collections
import re
import subprocess
import sys

text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "120", sys.argv[1]],
                      check=True, capture_output=True, text=True).stdout
samples = []
for block in text.split("jdk.ExecutionSample {")[1:]:
    thread = re.search(r'sampledThread = "([^"]*)"', block)
    stack = block.split("stackTrace = [", 1)[1].split("\n  ]", 1)[0] if "stackTrace = [" in block else ""
    frames = [re.sub(r"\(.*\)", "", f) for f in re.findall(r"^\s{4}(\S.*?)(?: line: \d+)?\s*$", stack, re.M)]
    samples.append((re.sub(r"\d+", "N", thread.group(1) if thread else "?"), frames))

print(len(samples), "samples")
for group, count in collections.Counter(t for t, _ in samples).most_common(15):
    print(f"{count:7d}  {group}")
threads = sys.argv[2] if len(sys.argv) > 2 else ""
frames_like = sys.argv[3] if len(sys.argv) > 3 else ""
chosen = [s for s in samples if threads in s[0]]
inclusive, own = collections.Counter(), collections.Counter()
for _, frames in chosen:
    inclusive.update(set(frames))
    if frames:
        own[frames[0]] += 1
print(f"== inclusive, {len(chosen)} samples of threads like '{threads}'")
shown = [(f, c) for f, c in inclusive.most_common() if frames_like in f][:80]
for frame, count in shown:
    print(f"{count:7d}  {frame}")
print("== self")
for frame, count in own.most_common(25):
    print(f"{count:7d}  {frame}")
