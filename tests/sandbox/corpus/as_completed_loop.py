import asyncio


async def ping(host, ms):
    await asyncio.sleep(ms / 1000)
    return host, ms


async def main():
    hosts = {"alpha": 60, "beta": 10, "gamma": 35}
    pings = [ping(host, ms) for host, ms in hosts.items()]
    for position, next_reply in enumerate(asyncio.as_completed(pings), start=1):
        host, ms = await next_reply
        print(f"{position}. {host} replied in {ms} ms")

    try:
        for next_reply in asyncio.as_completed([ping("slowpoke", 400), ping("quick", 5)], timeout=0.1):
            host, ms = await next_reply
            print("got", host)
    except TimeoutError:
        print("as_completed gave up after 0.1 s")


asyncio.run(main())
