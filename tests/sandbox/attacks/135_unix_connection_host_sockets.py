# expect: blocked
# aim: connects with loop.create_unix_connection to well-known host Unix sockets (docker, containerd, dbus, systemd, syslog, X11, nscd); a refusal also counts (the socket file is reachable and connect() was allowed)
# marker: ESCAPED-135-c27e
# family: asyncio loop API (unix sockets to host services)
import asyncio

MARK = "-".join(["ESCAPED", "135", "c27e"])
PATHS = (
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/run/containerd/containerd.sock",
    "/run/podman/podman.sock",
    "/run/dbus/system_bus_socket",
    "/run/systemd/private",
    "/run/systemd/journal/socket",
    "/run/systemd/notify",
    "/dev/log",
    "/tmp/.X11-unix/X0",
    "/var/run/nscd/socket",
)


async def main():
    loop = asyncio.get_running_loop()
    for path in PATHS:
        try:
            transport, proto = await asyncio.wait_for(
                loop.create_unix_connection(asyncio.Protocol, path), 3
            )
        except Exception as exc:
            if getattr(exc, "errno", None) == 111:  # ECONNREFUSED: the socket file is there
                print(MARK, "reachable (refused):", path)
                return
            continue
        transport.close()
        print(MARK, "connected to", path)
        return


asyncio.run(main())
