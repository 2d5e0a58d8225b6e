import asyncio
from contextlib import asynccontextmanager


@asynccontextmanager
async def opened(name):
    print(f"open {name}")
    await asyncio.sleep(0.01)
    try:
        yield {"name": name, "lines": []}
    except KeyError as exc:
        print(f"{name}: handled missing key {exc}")
    finally:
        print(f"close {name}")


@asynccontextmanager
async def forgetful():
    if False:
        yield


async def main():
    async with opened("log.txt") as log, opened("data.csv") as data:
        log["lines"].append("started")
        data["lines"].append("1,2,3")
        print("inside both:", log["name"], data["name"])

    async with opened("settings.ini") as settings:
        print(settings["colour"])
    print("the KeyError was handled inside the manager")

    try:
        async with forgetful():
            pass
    except RuntimeError as exc:
        print("RuntimeError:", exc)

    async with opened("report.md"):
        raise ValueError("ran out of paper")


asyncio.run(main())
