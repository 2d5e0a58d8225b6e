import asyncio
from dataclasses import dataclass, field


@dataclass(order=True)
class Ticket:
    priority: int
    title: str = field(compare=False)


async def main():
    urgent_first = asyncio.PriorityQueue()
    for ticket in [Ticket(3, "typo in footer"), Ticket(1, "site is down"), Ticket(2, "slow login")]:
        await urgent_first.put(ticket)
    while not urgent_first.empty():
        ticket = await urgent_first.get()
        print(f"P{ticket.priority}: {ticket.title}")

    pairs = asyncio.PriorityQueue()
    for pair in [(2, "b"), (1, "z"), (2, "a"), (1, "y")]:
        pairs.put_nowait(pair)
    print([pairs.get_nowait() for _ in range(pairs.qsize())])

    undo = asyncio.LifoQueue()
    for action in ["type 'h'", "type 'i'", "bold"]:
        await undo.put(action)
    print("undo order:", [await undo.get() for _ in range(undo.qsize())])

    fifo = asyncio.Queue()
    for n in range(3):
        fifo.put_nowait(n)
    print("fifo order:", [fifo.get_nowait() for _ in range(3)])
    print(type(urgent_first).__name__, type(undo).__name__, type(fifo).__name__)


asyncio.run(main())
