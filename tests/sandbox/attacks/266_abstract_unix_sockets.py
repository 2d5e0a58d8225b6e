# expect: blocked
# layers: none
# aim: abstract Unix socket names belong to the network namespace, which every run shares with the worker: a run binds a fixed name and holds it for a second, and a run that finds the name taken connects to it - a channel between two concurrent runs (run this file twice at once); it also connects to well-known abstract names (X11, containerd shims, systemd, dbus). Landlock ABI >= 6 scoping should refuse connecting outside the run's own domain. The marker is printed only if a connect to a name this run did not bind succeeds (a missing abstract name also answers ECONNREFUSED, so a refusal proves nothing here)
# marker: ESCAPED-266-b1a2
# family: jail gaps (abstract Unix sockets)
import errno
import socket
import time

SHARED = b"\0awaitbot-266-rendezvous"
NAMES = [
    b"/tmp/.X11-unix/X0",
    b"/tmp/.X11-unix/X1",
    b"/run/containerd/s/0",
    b"/org/freedesktop/systemd1/notify",
    b"/tmp/dbus-0",
    b"awaitbot",
    b"awaitbot-sandbox",
]
reached = []
mine = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
try:
    mine.bind(SHARED)
    mine.listen(4)
    holder = True
except OSError as exc:
    holder = False
    if exc.errno == errno.EADDRINUSE:
        peer = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            peer.connect(SHARED)
            reached.append("another run's socket connected")
        except OSError as inner:
            print("peer", inner)
for name in NAMES:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(b"\0" + name)
        reached.append(name.decode() + " connected")
    except OSError:
        pass
    finally:
        client.close()
if reached:
    print("-".join(["ESCAPED", "266", "b1a2"]), reached)
if holder:
    time.sleep(1.0)
