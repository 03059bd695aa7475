#!/usr/bin/python3
"""peer: Dramalist beside Liferea (Debian's package, GTK 3) on the same 200 local feeds.

Usage: bench-peer.py DRAMALIST BENCH_PEER_IMPORT    (meson passes both paths)

Both apps start on a fresh profile subscribed to the same OPML of 200 RSS feeds x 50 items
(~2 KB of HTML each) served from 127.0.0.1, and are measured the same way from outside:

  first frame   spawn -> the main window mapped and first painted, seen by an X watcher
                (XDamage on the root window, then a look at the window's pixels)
  refresh       spawn -> all 10,000 items in the app's database (polled every 50 ms)
  main loop     round trip of org.gtk.Actions.List on the app's GApplication object, sent
                every 50 ms between the first frame and the end of the refresh
  memory        VmRSS of the UI process 2 s after the refresh completed, and 2 s after
                opening the first article with xdotool (see open_one_article)

The first-frame watcher agrees with Dramalist's own report (DRAMALIST_REPORT_FIRST_FRAME,
GTK's frame clock) to within a few ms. That both apps answer the probe from their main loop
was checked with gdb: a breakpoint on g_action_group_list_actions is hit on the main thread
under g_main_context_dispatch <- g_application_run, in Liferea and in Dramalist alike.

Dramalist runs twice per round, with GTK's default renderer (software GL under Xvfb) and with
GSK_RENDERER=cairo (the footing of GTK 3, which draws with cairo); the runs are interleaved
after one warm-up launch of each, and the table shows medians. The targets (Dramalist /
Liferea <= 1.0 on first frame, refresh, main-loop p95 and memory) are judged with the
default renderer, which is what the app does when a user starts it; the cairo rows are there
to tell the renderer's share apart. Exits 1 when a target is missed, 77 (skip) when Liferea
is not installed or the network monitor says offline. PEER_RUNS sets the number of rounds
(default 5); the default takes about 8 minutes on an idle 2-core machine.

What is the same for both and what is not: one HTTP server on 127.0.0.1 (so each app's
per-host connection limit applies), the same X display with no window manager, a warm Mesa
shader cache (see Peer.environment); each app keeps its own default window size (Liferea's
is smaller) and its own first-start behaviour otherwise.

Needs a display and a session bus: it runs under build-aux/test.sh's
`xvfb-run ... dbus-run-session`.
"""

import ctypes
import ctypes.util
import email.utils
import http.server
import os
import random
import select
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

FEEDS = 200
ITEMS = 50
TOTAL = FEEDS * ITEMS
RUNS = int(os.environ.get("PEER_RUNS", "5"))
POLL = 0.050
FRAME_TIMEOUT = 60.0
REFRESH_TIMEOUT = 300.0
# What "after the refresh" means for memory: long enough for the last batch's follow-up work
# (list updates, linking) to land, the same wait for both.
SETTLE = 2.0
TARGET = 1.0

LIFEREA = "/usr/bin/liferea"

DRAMALIST_BUS = ("io.github.dramalist.Dramalist", "/io/github/dramalist/Dramalist")
LIFEREA_BUS = ("net.sourceforge.liferea", "/net/sourceforge/liferea")


# ---- the feeds -------------------------------------------------------------------------

WORDS = ("drama episode season finale premiere actor actress cast director writer ratings "
         "broadcast network streaming subtitle romance thriller comedy historical medical "
         "legal revenge chaebol webtoon adaptation script reading filming wrap teaser poster "
         "trailer interview review recap spoiler cliffhanger chemistry villain heroine lead "
         "supporting cameo soundtrack ost ballad viewership weekend weekday evening slot "
         "channel studio production budget overseas fans audience critics award nomination "
         "schedule delay special preview behind scenes").split()


def item_html(rng):
    """About 2 KB of ordinary article HTML: paragraphs, emphasis and links, no images (an
    image would add fetches that only one of the apps might make)."""
    parts = []
    size = 0
    while size < 2000:
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 70))]
        em, link = rng.sample(range(len(words)), 2)
        words[em] = "<em>%s</em>" % words[em]
        words[link] = '<a href="https://example.org/%s">%s</a>' % (words[link], words[link])
        paragraph = "<p>%s.</p>" % " ".join(words).capitalize()
        parts.append(paragraph)
        size += len(paragraph)
    return "\n".join(parts)


def feed_xml(port, feed, base_time):
    """One RSS 2.0 feed, the same bytes for the same (feed, base_time). Dates are recent so
    that no retention policy drops an item."""
    rng = random.Random(feed)
    items = []
    for i in range(ITEMS):
        stamp = base_time - (feed * ITEMS + i) * 60
        title = "Feed %d, story %d: %s %s" % (feed, i, rng.choice(WORDS), rng.choice(WORDS))
        items.append(
            "<item><title>%s</title><link>http://127.0.0.1:%d/story/%d/%d</link>"
            "<guid isPermaLink=\"false\">peer-%d-%d</guid><pubDate>%s</pubDate>"
            "<description><![CDATA[%s]]></description></item>"
            % (title, port, feed, i, feed, i, email.utils.formatdate(stamp, usegmt=True),
               item_html(rng)))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            "<title>Peer feed %d</title><link>http://127.0.0.1:%d/site/%d</link>"
            "<description>Benchmark feed %d</description>%s</channel></rss>\n"
            % (feed, port, feed, feed, "".join(items))).encode("utf-8")


def opml(port):
    outlines = "".join(
        '<outline type="rss" text="Peer feed %d" title="Peer feed %d" '
        'xmlUrl="http://127.0.0.1:%d/feed/%d.xml"/>\n' % (f, f, port, f) for f in range(FEEDS))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<opml version="1.0">'
            "<head><title>peer</title></head><body>\n%s</body></opml>\n" % outlines)


def serve(base_time):
    """--serve: the feed server, in its own process so that serving never competes for the
    measuring process's interpreter lock. Prints its port; stops when stdin closes."""
    bodies = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            body = bodies.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    for f in range(FEEDS):
        bodies["/feed/%d.xml" % f] = feed_xml(port, f, base_time)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(port, flush=True)
    sys.stdin.read()
    return 0


def renderer_probe():
    """--renderer-probe: the renderer GTK 4 picks for a window in this environment (display,
    GSK_RENDERER), and whether GL is Mesa's software rasteriser. The choice depends on the
    environment only, so it is the one Dramalist gets when started the same way."""
    import gi
    gi.require_version("Gtk", "4.0")
    from gi.repository import GLib, Gtk

    result = []

    def activate(app):
        window = Gtk.Window(application=app)
        window.present()

        def done():
            renderer = type(window.get_renderer()).__name__
            result.append("Gsk" + renderer)
            with open("/proc/self/maps") as maps:
                text = maps.read()
            # GDK loads GL even for the cairo renderer: only say it when GL draws. Mesa
            # opens its driver under the software name, and LLVM makes it llvmpipe.
            if renderer == "GLRenderer" and "swrast_dri" in text and "libLLVM" in text:
                result.append("on Mesa llvmpipe (software GL)")
            app.quit()
            return GLib.SOURCE_REMOVE

        GLib.timeout_add(300, done)

    app = Gtk.Application(application_id="io.github.dramalist.PeerRendererProbe")
    app.connect("activate", activate)
    app.run([])
    print(" ".join(result))
    return 0


# ---- seeing the first frame from outside -----------------------------------------------

class XMapEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("serial", ctypes.c_ulong),
                ("send_event", ctypes.c_int), ("display", ctypes.c_void_p),
                ("event", ctypes.c_ulong), ("window", ctypes.c_ulong),
                ("override_redirect", ctypes.c_int)]


class XEvent(ctypes.Union):
    _fields_ = [("type", ctypes.c_int), ("xmap", XMapEvent), ("pad", ctypes.c_long * 24)]


class XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int),
                ("xoffset", ctypes.c_int), ("format", ctypes.c_int),
                ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int),
                ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
                ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int)]


MAP_NOTIFY = 19
CONFIGURE_NOTIFY = 22
SUBSTRUCTURE_NOTIFY_MASK = 1 << 19
XDAMAGE_REPORT_NON_EMPTY = 3
XDAMAGE_NOTIFY = 0
XA_CARDINAL = 6
Z_PIXMAP = 2


class FrameWatcher(threading.Thread):
    """Records, for each process, when its first large top-level window was mapped and when
    that window first showed anything but one flat colour (the server's background fill or
    the black root do not count as a frame; the app's first drawing does).

    Event-driven, so the resolution is the latency of an X event reaching this thread (well
    under a millisecond when idle) plus the time to read one window's pixels for each damage
    event before the first frame (a few ms): no polling interval. python-xlib is not
    installed, hence ctypes on libX11 and libXdamage, which GTK itself links."""

    def __init__(self):
        super().__init__(daemon=True)
        x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
        xdamage = ctypes.CDLL(ctypes.util.find_library("Xdamage") or "libXdamage.so.1")
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XDefaultRootWindow.restype = ctypes.c_ulong
        x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x11.XSelectInput.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_long]
        x11.XConnectionNumber.argtypes = [ctypes.c_void_p]
        x11.XPending.argtypes = [ctypes.c_void_p]
        x11.XNextEvent.argtypes = [ctypes.c_void_p, ctypes.POINTER(XEvent)]
        x11.XFlush.argtypes = [ctypes.c_void_p]
        x11.XInternAtom.restype = ctypes.c_ulong
        x11.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x11.XGetWindowProperty.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_long, ctypes.c_long,
            ctypes.c_int, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p)]
        x11.XGetGeometry.argtypes = [
            ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_uint), ctypes.POINTER(ctypes.c_uint),
            ctypes.POINTER(ctypes.c_uint), ctypes.POINTER(ctypes.c_uint)]
        x11.XGetImage.restype = ctypes.POINTER(XImage)
        x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                                  ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        x11.XFree.argtypes = [ctypes.c_void_p]
        x11.XDisplayWidth.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x11.XDisplayHeight.argtypes = [ctypes.c_void_p, ctypes.c_int]
        xdamage.XDamageQueryExtension.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                                  ctypes.POINTER(ctypes.c_int)]
        xdamage.XDamageCreate.restype = ctypes.c_ulong
        xdamage.XDamageCreate.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int]
        xdamage.XDamageSubtract.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_ulong,
                                            ctypes.c_ulong]
        self.x11, self.xdamage = x11, xdamage

        self.dpy = x11.XOpenDisplay(None)
        if not self.dpy:
            raise RuntimeError("cannot open the X display (run under xvfb-run)")
        # A window can vanish between its event and our look at it: Xlib's default handler
        # would end this process on that BadWindow.
        self._on_error = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(
            lambda dpy, event: 0)
        x11.XSetErrorHandler(self._on_error)
        self.root = x11.XDefaultRootWindow(self.dpy)
        self.screen = (x11.XDisplayWidth(self.dpy, 0), x11.XDisplayHeight(self.dpy, 0))
        self.pid_atom = x11.XInternAtom(self.dpy, b"_NET_WM_PID", 0)
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not xdamage.XDamageQueryExtension(self.dpy, ctypes.byref(event_base),
                                             ctypes.byref(error_base)):
            raise RuntimeError("the X server has no DAMAGE extension")
        self.damage_event = event_base.value + XDAMAGE_NOTIFY
        x11.XSelectInput(self.dpy, self.root, SUBSTRUCTURE_NOTIFY_MASK)
        # Without a compositor every window draws into the root's pixels, so damage on the
        # root reports any app's drawing.
        self.damage = xdamage.XDamageCreate(self.dpy, self.root, XDAMAGE_REPORT_NON_EMPTY)
        x11.XFlush(self.dpy)

        self.lock = threading.Lock()
        self.mapped = {}    # pid -> monotonic time its first large window was mapped
        self.painted = {}   # pid -> monotonic time that window first showed a frame
        self.rects = {}     # pid -> (x, y, width, height) of that window
        self.waiting = {}   # window -> pid, mapped windows not painted yet

    def window_pid(self, window):
        actual_type, actual_format = ctypes.c_ulong(), ctypes.c_int()
        nitems, after, prop = ctypes.c_ulong(), ctypes.c_ulong(), ctypes.c_void_p()
        if self.x11.XGetWindowProperty(self.dpy, window, self.pid_atom, 0, 1, 0, XA_CARDINAL,
                                       ctypes.byref(actual_type), ctypes.byref(actual_format),
                                       ctypes.byref(nitems), ctypes.byref(after),
                                       ctypes.byref(prop)) != 0 or not prop.value:
            return None
        pid = ctypes.cast(prop, ctypes.POINTER(ctypes.c_ulong))[0] if nitems.value else None
        self.x11.XFree(prop)
        return pid

    def window_rect(self, window):
        """The window's rectangle on screen, clipped to it, or None when gone or too small to
        be a main window (GTK's and WebKit's helper windows are tiny or off-screen)."""
        root, x, y = ctypes.c_ulong(), ctypes.c_int(), ctypes.c_int()
        w, h, border, depth = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
        if not self.x11.XGetGeometry(self.dpy, window, ctypes.byref(root), ctypes.byref(x),
                                     ctypes.byref(y), ctypes.byref(w), ctypes.byref(h),
                                     ctypes.byref(border), ctypes.byref(depth)):
            return None
        x0, y0 = max(0, x.value), max(0, y.value)
        x1 = min(self.screen[0], x.value + w.value)
        y1 = min(self.screen[1], y.value + h.value)
        if x1 - x0 < 200 or y1 - y0 < 200:
            return None
        return x0, y0, x1 - x0, y1 - y0

    def shows_a_frame(self, window):
        rect = self.window_rect(window)
        if rect is None:
            return False
        # Read from the root: reading the window itself fails (BadMatch) whenever a part of
        # it lies off screen.
        image = self.x11.XGetImage(self.dpy, self.root, rect[0], rect[1], rect[2], rect[3],
                                   ctypes.c_ulong(-1).value, Z_PIXMAP)
        if not image:
            return False
        img = image.contents
        pixel = img.bits_per_pixel // 8
        data = ctypes.string_at(img.data, img.bytes_per_line * img.height)
        self.x11.XFree(img.data)
        self.x11.XFree(image)
        return data != data[:pixel] * (len(data) // pixel)

    def check_waiting(self, now):
        for window, pid in list(self.waiting.items()):
            if self.shows_a_frame(window):
                with self.lock:
                    self.painted.setdefault(pid, now)
                    self.rects.setdefault(pid, self.window_rect(window))
                for other in [w for w, p in self.waiting.items() if p == pid]:
                    del self.waiting[other]

    def run(self):
        event = XEvent()
        fd = self.x11.XConnectionNumber(self.dpy)
        while True:
            if not self.x11.XPending(self.dpy):
                select.select([fd], [], [], 0.5)
                continue
            self.x11.XNextEvent(self.dpy, ctypes.byref(event))
            now = time.monotonic()
            if event.type == MAP_NOTIFY and not event.xmap.override_redirect:
                window = event.xmap.window
                pid = self.window_pid(window)
                if pid is not None and self.window_rect(window) is not None:
                    with self.lock:
                        self.mapped.setdefault(pid, now)
                        first = pid not in self.painted
                    if first:
                        self.waiting[window] = pid
                        self.check_waiting(now)
            elif event.type == CONFIGURE_NOTIFY:
                if self.waiting:
                    self.check_waiting(now)
            elif event.type == self.damage_event:
                # Report-non-empty: the next damage is reported only once this is cleared.
                self.xdamage.XDamageSubtract(self.dpy, self.damage, 0, 0)
                if self.waiting:
                    self.check_waiting(now)

    def wait_painted(self, pid, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if pid in self.painted:
                    return self.mapped[pid], self.painted[pid], self.rects[pid]
            time.sleep(0.005)
        return None, None, None


# ---- the main loop, as a D-Bus caller sees it ------------------------------------------

class MainLoopProbe(threading.Thread):
    """Calls org.gtk.Actions.List on the app's GApplication object every 50 ms and keeps
    each round trip. GApplication exports its action group with
    g_dbus_connection_export_action_group from the main thread, and GDBus dispatches an
    exported object's method calls on the main context that was current where it was
    registered: the answer waits for whatever the app's main loop is busy with. A call
    that takes long delays the next one rather than overlapping it, so a stall is one long
    sample, as a user's click would see it."""

    def __init__(self, connection, bus):
        super().__init__(daemon=True)
        self.connection = connection
        self.name, self.path = bus
        self.samples = []   # (monotonic start, seconds)
        self.stop = threading.Event()

    def run(self):
        from gi.repository import Gio, GLib

        reply = GLib.VariantType.new("(as)")
        while not self.stop.is_set():
            start = time.monotonic()
            try:
                self.connection.call_sync(self.name, self.path, "org.gtk.Actions", "List",
                                          None, reply, Gio.DBusCallFlags.NO_AUTO_START,
                                          30000, None)
                self.samples.append((start, time.monotonic() - start))
            except GLib.Error:
                pass   # not on the bus yet
            self.stop.wait(max(0.0, start + POLL - time.monotonic()))


# ---- one launch -----------------------------------------------------------------------

def count_rows(path, table, where="1"):
    """Rows in table, read-only and without keeping a snapshot open between polls."""
    if not os.path.exists(path):
        return 0
    try:
        db = sqlite3.connect("file:%s?mode=ro" % path, uri=True, timeout=0.05)
        try:
            return db.execute("SELECT count(*) FROM %s WHERE %s" % (table, where)).fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def bus_name_free(connection, name, timeout=10.0):
    """A launch while the last instance still owns the name would only activate that one."""
    from gi.repository import GLib

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        owned = connection.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                     "org.freedesktop.DBus", "NameHasOwner",
                                     GLib.Variant("(s)", (name,)), None, 0, 5000, None)
        if not owned.unpack()[0]:
            return True
        time.sleep(0.05)
    return False


def open_one_article(app, rect, database, table):
    """Opens the first article as a user would, with xdotool: Liferea's "Next Unread Item"
    (Ctrl+N, with the pointer over its window: no window manager runs, so the keyboard goes
    where the pointer is), a click on the first row of Dramalist's article list (its default
    layout puts the news pane in the right ~45 % of the window, the first row ~130 px down).
    True once the app has marked an item read, which both do when they show one. A busy app
    can miss the input (a list reload under the pointer), so it is tried up to three times:
    either way one article ends up open."""
    x, y, width, height = rect
    if app == "liferea":
        actions = ["mousemove", str(x + width // 2), str(y + height // 2), "sleep", "0.2",
                   "key", "ctrl+n"]
    else:
        actions = ["mousemove", str(x + width * 70 // 100), str(y + 130), "sleep", "0.2",
                   "click", "1"]
    for _ in range(3):
        if subprocess.run(["xdotool"] + actions).returncode != 0:
            return False
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if count_rows(database, table, "read != 0") > 0:
                return True
            time.sleep(POLL)
    return False


def stop_app(proc):
    # The app runs in its own process group with its WebKit helpers: end that group only.
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(wait)
            break
        except subprocess.TimeoutExpired:
            continue


class Peer:
    def __init__(self, dramalist, importer, port, connection, watcher, shader_cache):
        self.dramalist = dramalist
        self.importer = importer
        self.port = port
        self.connection = connection
        self.watcher = watcher
        self.shader_cache = shader_cache

    def profile(self, app):
        """A fresh home subscribed to the 200 feeds; returns (home, database path)."""
        home = tempfile.mkdtemp(prefix="peer-%s-" % app)
        for sub in (".config", ".local/share", ".cache"):
            os.makedirs(os.path.join(home, sub))
        if app == "liferea":
            # Liferea's own subscription list: on a fresh profile it reads this file as is.
            os.makedirs(os.path.join(home, ".config", "liferea"))
            with open(os.path.join(home, ".config", "liferea", "feedlist.opml"), "w") as f:
                f.write(opml(self.port))
            return home, os.path.join(home, ".local", "share", "liferea", "liferea.db")
        # Dramalist: a new library holding the same subscriptions, no feed fetched yet. Its
        # start refreshes them by itself (start_news_cb: a library with no
        # feeds_refreshed_at stamp is due), as Liferea's does by default.
        source = os.path.join(home, "subscriptions.opml")
        with open(source, "w") as f:
            f.write(opml(self.port))
        library = os.path.join(home, ".local", "share", "dramalist", "library.db")
        out = subprocess.run([self.importer, library, source], capture_output=True, text=True)
        if out.returncode != 0 or out.stdout.strip() != str(FEEDS):
            raise RuntimeError("bench-peer-import failed: %s%s" % (out.stdout, out.stderr))
        return home, library

    def environment(self, app, home, renderer):
        env = dict(os.environ)
        env.update(HOME=home,
                   XDG_CONFIG_HOME=os.path.join(home, ".config"),
                   XDG_DATA_HOME=os.path.join(home, ".local", "share"),
                   XDG_CACHE_HOME=os.path.join(home, ".cache"),
                   # The app's profile is new, the machine is not: Mesa's shader cache
                   # (in XDG_CACHE_HOME by default) stays warm across launches, as it is
                   # for a user on their second start; a cold one costs GL ~2-3 s.
                   MESA_SHADER_CACHE_DIR=self.shader_cache,
                   GSETTINGS_BACKEND="memory")
        env.pop("GSK_RENDERER", None)
        if renderer is not None:
            env["GSK_RENDERER"] = renderer
        if app == "dramalist":
            # No first-start subscriptions from the internet, no TVmaze.
            env["DRAMALIST_SKIP_DEFAULT_FEEDS"] = "1"
            env["DRAMALIST_TVMAZE_URL"] = "http://127.0.0.1:9/"
        return env

    def launch(self, app, renderer=None, full=True):
        """One launch on a fresh profile; a dict of figures (first frame only unless full)."""
        bus = LIFEREA_BUS if app == "liferea" else DRAMALIST_BUS
        program = LIFEREA if app == "liferea" else self.dramalist
        table = "items" if app == "liferea" else "articles"
        home, database = self.profile(app)
        env = self.environment(app, home, renderer)
        if not bus_name_free(self.connection, bus[0]):
            raise RuntimeError("%s is still on the bus from an earlier launch" % bus[0])
        result = {}
        log = open(os.path.join(home, "log.txt"), "w")
        probe = MainLoopProbe(self.connection, bus)
        start = time.monotonic()
        proc = subprocess.Popen([program], env=env, cwd=home, stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            mapped, painted, rect = self.watcher.wait_painted(proc.pid, FRAME_TIMEOUT)
            if painted is None:
                raise RuntimeError("%s showed no window within %d s" % (app, FRAME_TIMEOUT))
            result["mapped"] = (mapped - start) * 1000
            result["frame"] = (painted - start) * 1000
            if not full:
                return result
            probe.start()
            deadline = start + REFRESH_TIMEOUT
            items = 0
            while time.monotonic() < deadline and proc.poll() is None:
                items = count_rows(database, table)
                if items >= TOTAL:
                    break
                time.sleep(POLL)
            done = time.monotonic()
            probe.stop.set()
            probe.join()
            if items < TOTAL:
                raise RuntimeError("%s stored %d of %d items in %d s%s" % (
                    app, items, TOTAL, REFRESH_TIMEOUT,
                    " and exited" if proc.poll() is not None else ""))
            result["refresh"] = done - start
            rtts = [rtt * 1000 for t, rtt in probe.samples if painted <= t <= done]
            if len(rtts) < 2:
                raise RuntimeError("%s answered no D-Bus call during the refresh" % app)
            result["calls"] = len(rtts)
            result["p50"] = statistics.median(rtts)
            result["p95"] = statistics.quantiles(rtts, n=20)[-1]
            result["max"] = max(rtts)
            time.sleep(SETTLE)
            result["rss"] = rss_mb(proc.pid)
            result["rss_article"] = float("nan")
            if open_one_article(app, rect, database, table):
                time.sleep(SETTLE)
                result["rss_article"] = rss_mb(proc.pid)
            return result
        finally:
            probe.stop.set()
            stop_app(proc)
            log.close()
            shutil.rmtree(home, ignore_errors=True)


# ---- the report -----------------------------------------------------------------------

ROWS = [
    # key, label, format, judged against the target
    ("frame", "first frame (ms)", "%.0f", True),
    ("mapped", "  window mapped (ms)", "%.0f", False),
    ("refresh", "refresh from launch (s)", "%.2f", True),
    ("p50", "main loop p50 (ms)", "%.1f", False),
    ("p95", "main loop p95 (ms)", "%.1f", True),
    ("max", "main loop max (ms)", "%.1f", False),
    ("rss", "RSS after refresh (MB)", "%.0f", True),
    ("rss_article", "RSS, article open (MB)", "%.0f", True),
]


def medians(results):
    """Medians over the runs that have the figure (an article that could not be opened
    leaves a NaN)."""
    out = {}
    for key, *_ in ROWS:
        values = [r[key] for r in results if r[key] == r[key]]
        out[key] = statistics.median(values) if values else float("nan")
    return out


def print_table(title, ours, theirs, gated):
    """Returns the labels of the targets missed (only when gated)."""
    print(title)
    print("  %-26s %10s %10s %7s  %s" % ("", "Dramalist", "Liferea", "ratio", "target"))
    missed = []
    for key, label, fmt, judged in ROWS:
        ratio = ours[key] / theirs[key]
        mark = ""
        if ratio != ratio:
            mark = "  not measured"
        elif judged and gated and ratio > TARGET:
            mark = "  MISSED"
            missed.append(label.strip())
        print("  %-26s %10s %10s %7s  %-6s%s" % (
            label, fmt % ours[key], fmt % theirs[key], "%.2f" % ratio if ratio == ratio else "n/a",
            "<= %.1f" % TARGET if judged else "", mark))
    return missed


def network_available():
    from gi.repository import Gio

    return Gio.NetworkMonitor.get_default().get_network_available()


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--serve":
        return serve(int(sys.argv[2]))
    if len(sys.argv) == 2 and sys.argv[1] == "--renderer-probe":
        return renderer_probe()
    if len(sys.argv) != 3:
        print("Usage: %s DRAMALIST BENCH_PEER_IMPORT" % sys.argv[0], file=sys.stderr)
        return 2
    if not os.access(LIFEREA, os.X_OK):
        print("peer: Liferea is not installed (%s); `apt-get install liferea` to compare "
              "Dramalist with it. Skipped." % LIFEREA)
        return 77
    # Both apps stay offline (and fetch nothing) while GNetworkMonitor sees no network, even
    # for 127.0.0.1: there would be no refresh to time.
    if not network_available():
        print("peer: GNetworkMonitor says the network is down (no default route), so neither "
              "app would refresh its feeds. Skipped.")
        return 77

    from gi.repository import Gio

    dramalist, importer = (os.path.abspath(p) for p in sys.argv[1:3])
    liferea_version = subprocess.run([LIFEREA, "--version"], capture_output=True,
                                     text=True).stdout.strip() or "Liferea"
    try:
        watcher = FrameWatcher()
        connection = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    except Exception as error:
        print("peer: %s; run it under xvfb-run and dbus-run-session (build-aux/test.sh)"
              % error, file=sys.stderr)
        return 1
    watcher.start()

    # Whole minutes, so that every launch in this run sees the same feed bytes.
    base_time = int(time.time()) // 60 * 60
    server = subprocess.Popen([sys.executable, os.path.abspath(__file__), "--serve",
                               str(base_time)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True)
    shader_cache = tempfile.mkdtemp(prefix="peer-shader-cache-")
    try:
        port = int(server.stdout.readline())
        peer = Peer(dramalist, importer, port, connection, watcher, shader_cache)

        renderers = {}
        for renderer in (None, "cairo"):
            env = dict(os.environ, MESA_SHADER_CACHE_DIR=shader_cache)
            env.pop("GSK_RENDERER", None)
            if renderer:
                env["GSK_RENDERER"] = renderer
            out = subprocess.run([sys.executable, os.path.abspath(__file__),
                                  "--renderer-probe"], env=env, capture_output=True, text=True)
            renderers[renderer] = out.stdout.strip() or "unknown (%s)" % out.stderr.strip()

        configs = [("liferea", None), ("dramalist", None), ("dramalist", "cairo")]
        # Warm-up: page cache, fontconfig, Mesa's shader cache, the portals that D-Bus
        # starts for the first GTK app.
        for app, renderer in configs:
            peer.launch(app, renderer, full=False)
        results = {config: [] for config in configs}
        # Interleaved, so that a busy moment of the shared machine hurts all alike.
        for round_ in range(RUNS):
            for app, renderer in configs:
                r = peer.launch(app, renderer)
                results[(app, renderer)].append(r)
                print("  round %d %-9s %-7s frame %5.0f ms  refresh %6.2f s  loop p50 %6.1f "
                      "p95 %6.1f max %6.1f ms (%d calls)  RSS %4.0f / %4.0f MB" % (
                          round_ + 1, app, renderer or "default", r["frame"], r["refresh"],
                          r["p50"], r["p95"], r["max"], r["calls"], r["rss"],
                          r["rss_article"]), flush=True)
    finally:
        server.stdin.close()
        server.wait(10)
        shutil.rmtree(shader_cache, ignore_errors=True)

    theirs = medians(results[("liferea", None)])
    default = medians(results[("dramalist", None)])
    cairo = medians(results[("dramalist", "cairo")])
    print()
    print("peer: %d feeds x %d items from 127.0.0.1, fresh profiles, median of %d runs"
          % (FEEDS, ITEMS, RUNS))
    print("  Liferea: %s, GTK 3 (draws with cairo)" % liferea_version)
    print("  Dramalist, default renderer: %s" % renderers[None])
    print("  Dramalist, GSK_RENDERER=cairo: %s" % renderers["cairo"])
    print()
    missed = print_table("Dramalist (default renderer) / Liferea, targets judged here:",
                         default, theirs, gated=True)
    print()
    print_table("Dramalist (GSK_RENDERER=cairo) / Liferea, for comparison:", cairo, theirs,
                gated=False)
    print()
    if missed:
        print("peer: target missed: %s" % ", ".join(missed))
        return 1
    print("peer: Dramalist is ahead on every figure measured")
    return 0


if __name__ == "__main__":
    sys.exit(main())
