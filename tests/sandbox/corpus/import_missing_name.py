print("importing...")
from asyncio import run, nothing_here


async def main():
    print("never runs")


run(main())
