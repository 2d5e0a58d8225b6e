import asyncio


async def fetch_rows():
    await asyncio.sleep(0.01)
    return ["row1", "row2"]


def load_table():
    # a plain helper that "just runs" the coroutine
    return asyncio.run(fetch_rows())


async def main():
    print("loading...")
    rows = load_table()
    print(rows)


asyncio.run(main())
