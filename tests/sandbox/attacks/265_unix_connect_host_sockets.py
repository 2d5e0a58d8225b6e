# expect: blocked
# layers: none
# aim: Landlock (ABI < 9) does not control connect() to a pathname Unix socket and the seccomp filter allows AF_UNIX, so a run can talk to any host socket its uid may write to: known daemons (docker, containerd, dbus, systemd, postgres, the bot's own sandbox socket) plus every socket found by stat()-walking /run, /var/run, /tmp, /var/lib and /home (stat works where listdir does not, so well-known names are probed); a connection or ECONNREFUSED (the socket exists and the call was made) prints the marker. This host has no such socket: the test should plant a world-writable listening socket at /run/awaitbot-test.sock first (verified: the jail lets a run connect to it)
# marker: ESCAPED-265-41d6
# family: jail gaps (host Unix sockets)
import os
import socket
import stat

KNOWN = [
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/run/containerd/containerd.sock",
    "/run/dbus/system_bus_socket",
    "/var/run/dbus/system_bus_socket",
    "/run/systemd/private",
    "/run/systemd/notify",
    "/run/systemd/journal/socket",
    "/run/systemd/journal/stdout",
    "/run/user/0/bus",
    "/run/user/1000/bus",
    "/run/postgresql/.s.PGSQL.5432",
    "/var/run/postgresql/.s.PGSQL.5432",
    "/run/mysqld/mysqld.sock",
    "/run/redis/redis.sock",
    "/run/awaitbot/sandbox.sock",
    "/run/snapd.socket",
    "/run/podman/podman.sock",
    "/tmp/.X11-unix/X0",
    "/run/containerd/containerd.sock.ttrpc",
    "/run/crio/crio.sock",
    "/run/awaitbot-test.sock",
]
candidates = set(KNOWN)
for root in ("/run", "/var/run", "/tmp", "/var/lib", "/home", "/srv"):
    try:
        for dirpath, dirnames, filenames in os.walk(root):
            for name in filenames:
                candidates.add(os.path.join(dirpath, name))
    except OSError:
        pass
reached = []
for path in sorted(candidates):
    try:
        if not stat.S_ISSOCK(os.stat(path).st_mode):
            continue
    except OSError:
        continue
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.settimeout(1)
    try:
        client.connect(path)
        reached.append(path + " connected")
    except ConnectionRefusedError:
        reached.append(path + " refused")
    except OSError as exc:
        print(path, exc.errno)
    finally:
        client.close()
if reached:
    print("-".join(["ESCAPED", "265", "41d6"]), reached)
