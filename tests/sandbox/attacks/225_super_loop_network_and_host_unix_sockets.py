# expect: blocked
# aim: refused loop networking reached through `super(type(loop), loop)` and, for the Unix-only methods, the unbound functions of `super(Sub, Sub)` (Sub a snippet subclass of the loop class) applied to the running loop: TCP create_connection to 127.0.0.1, create_server bind, create_datagram_endpoint, and create_unix_connection to host Unix sockets (docker, containerd, dbus, systemd, postgres, the bot's own sandbox socket); a refused connection counts as success (the socket calls were allowed)
# marker: ESCAPED-225-90e2
# family: event-loop filter trusts isinstance (super() on the loop; sockets)
import asyncio

MARK = "-".join(["ESCAPED", "225", "90e2"])
HOST_SOCKETS = [
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/run/containerd/containerd.sock",
    "/run/dbus/system_bus_socket",
    "/run/systemd/private",
    "/run/systemd/journal/stdout",
    "/run/systemd/notify",
    "/run/user/0/bus",
    "/run/postgresql/.s.PGSQL.5432",
    "/run/awaitbot/sandbox.sock",
    "/tmp/.X11-unix/X0",
    "/run/snapd.socket",
]


class Quiet:
    def connection_made(self, transport):
        pass

    def connection_lost(self, exc):
        pass

    def datagram_received(self, data, addr):
        pass

    def error_received(self, exc):
        pass


async def main():
    loop = asyncio.get_running_loop()
    parent = super(type(loop), loop)

    class Sub(type(loop)):
        pass

    unix = super(Sub, Sub)
    reached = []
    attempts = [
        ("tcp 127.0.0.1:1", lambda: parent.create_connection(Quiet, "127.0.0.1", 1)),
        ("tcp bind", lambda: parent.create_server(Quiet, "127.0.0.1", 0)),
        ("udp", lambda: parent.create_datagram_endpoint(Quiet, remote_addr=("127.0.0.1", 53))),
    ] + [
        ("unix " + path, lambda path=path: unix.create_unix_connection(loop, Quiet, path))
        for path in HOST_SOCKETS
    ]
    for label, start in attempts:
        try:
            result = await asyncio.wait_for(start(), 1)
            if getattr(result, "sockets", True):  # a server with no socket bound nothing
                reached.append(label + " connected")
        except ConnectionRefusedError:
            reached.append(label + " refused")
        except Exception as exc:
            print(label, type(exc).__name__, str(exc)[:60])
    if reached:
        print(MARK, reached)


asyncio.run(main())
