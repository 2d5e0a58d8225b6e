import asyncio


async def poll_forever(stats):
    while True:
        await asyncio.sleep(0)
        stats["polls"] += 1


stats = {"polls": 0}
loop = asyncio.new_event_loop()
loop.create_task(poll_forever(stats))
loop.run_until_complete(asyncio.sleep(0.02))
loop.close()
print("loop closed; the poller ran more than 3 times:", stats["polls"] > 3)
