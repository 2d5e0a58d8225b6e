import asyncio


async def lookup(word, delay):
    try:
        await asyncio.sleep(delay)
        return word.upper()
    except asyncio.CancelledError:
        print(f"lookup of {word!r} was cancelled")
        raise


async def main():
    print(await asyncio.wait_for(lookup("hare", 0.01), timeout=0.5))

    try:
        await asyncio.wait_for(lookup("tortoise", 0.5), timeout=0.02)
    except TimeoutError:
        print("gave up waiting for the tortoise")

    print("asyncio.TimeoutError is TimeoutError:", asyncio.TimeoutError is TimeoutError)

    print("now without a try block:")
    await asyncio.wait_for(lookup("snail", 0.5), timeout=0.02)


asyncio.run(main())
