import asyncio


async def read_lines():
    for line in ["alpha", "beta"]:
        await asyncio.sleep(0)
        yield line


async def main():
    for line in read_lines():
        print(line)


asyncio.run(main())
