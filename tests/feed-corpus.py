#!/usr/bin/python3
"""Score feed-dump on the feedparser corpus and fail below the required pass rate.

Usage: feed-corpus.py FEED_DUMP [MIN_PERCENT]
The corpus is $DRAMALIST_SHARED_DIR/corpus (set by the meson test environment).
"""

import os
import re
import subprocess
import sys


def main() -> int:
    helper = sys.argv[1]
    minimum = float(sys.argv[2]) if len(sys.argv) > 2 else 90.0
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
    rate = 100.0 * passed / total if total else 0.0
    print("pass rate: %.1f%% (%d of %d), required %.0f%%" % (rate, passed, total, minimum))
    return 0 if total > 0 and rate >= minimum else 1


if __name__ == "__main__":
    sys.exit(main())
