import asyncio


async def kitchen(queue, orders):
    for order in orders:
        await queue.put(order)
        print(f"kitchen: placed {order} (queue size {queue.qsize()})")
    await queue.put(None)
    print("kitchen: closed")


async def waiter(queue):
    served = []
    while True:
        order = await queue.get()
        if order is None:
            break
        await asyncio.sleep(0.01)
        print(f"waiter:  served {order}")
        served.append(order)
    return served


async def main():
    queue = asyncio.Queue(maxsize=2)
    orders = ["soup", "salad", "pasta", "cake"]
    _, served = await asyncio.gather(kitchen(queue, orders), waiter(queue))
    print("served in order:", served == orders)
    print("queue empty at the end:", queue.empty(), "| full?", queue.full())


asyncio.run(main())
