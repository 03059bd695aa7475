#!/usr/bin/python3
"""Score feed-dump on the feedparser corpus (shared/corpus/check_feeds.py).

Usage: feed-corpus.py FEED_DUMP
The corpus is $DRAMALIST_SHARED_DIR/corpus (set by the meson test environment).

The rate is check_feeds.py's own verdict: a case passes only when our output is byte-for-byte
feedparser's. The test fails when it drops below 90 %.  wellformed/sanitize is left out: those
cases check feedparser's own sanitiser policy, which ours does not copy.
"""

import os
import re
import subprocess
import sys

MIN_RAW = 90.0


def main() -> int:
    helper = sys.argv[1]
    shared = os.environ.get("DRAMALIST_SHARED_DIR")
    if not shared:
        print("DRAMALIST_SHARED_DIR is not set", file=sys.stderr)
        return 1
    script = os.path.join(shared, "corpus", "check_feeds.py")
    if not os.path.exists(script):
        print("no corpus at %s" % script, file=sys.stderr)
        return 1
    proc = subprocess.run([sys.executable, script, helper, "--skip", "wellformed/sanitize",
                           "--jobs", "2", "--show", "-1"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(proc.stdout)
    match = re.search(r"^(\d+) passed, (\d+) failed$", proc.stdout, re.MULTILINE)
    if not match:
        print("could not read check_feeds.py's result", file=sys.stderr)
        return 1
    passed, failed = int(match.group(1)), int(match.group(2))
    total = passed + failed
    if total == 0:
        return 1
    raw = 100.0 * passed / total
    print("pass rate: %.1f%% (%d of %d), required %.0f%%" % (raw, passed, total, MIN_RAW))
    return 0 if raw >= MIN_RAW else 1


if __name__ == "__main__":
    sys.exit(main())
