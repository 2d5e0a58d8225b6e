# expect: blocked
# aim: opens UDP sockets with loop.create_datagram_endpoint, binds a receiver on 127.0.0.1 and sends it a datagram from a second endpoint (data really crossed the loopback)
# marker: ESCAPED-133-f4d1
# family: asyncio loop API (network, UDP)
import asyncio

MARK = "-".join(["ESCAPED", "133", "f4d1"])
received = []


class Receiver(asyncio.DatagramProtocol):
    def datagram_received(self, data, addr):
        received.append(data)


async def main():
    loop = asyncio.get_running_loop()
    rx, proto = await loop.create_datagram_endpoint(Receiver, local_addr=("127.0.0.1", 0))
    port = rx.get_extra_info("sockname")[1]
    tx, ignored = await loop.create_datagram_endpoint(
        asyncio.DatagramProtocol, remote_addr=("127.0.0.1", port)
    )
    tx.sendto(b"udp-probe-133")
    waited = 0
    while not received and waited < 50:
        await asyncio.sleep(0.1)
        waited = waited + 1
    tx.close()
    rx.close()
    if received and received[0] == b"udp-probe-133":
        print(MARK, "udp datagram delivered on port", port)


asyncio.run(main())
