import asyncio
from contextlib import AsyncContextDecorator, asynccontextmanager


class traced(AsyncContextDecorator):
    def __init__(self, label):
        self.label = label

    async def __aenter__(self):
        print(f"-> {self.label}")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        outcome = "ok" if exc_type is None else f"failed ({exc_type.__name__})"
        print(f"<- {self.label}: {outcome}")
        return False


@asynccontextmanager
async def indented(prefix):
    print(prefix + "begin")
    yield
    print(prefix + "end")


@traced("load settings")
async def load_settings():
    await asyncio.sleep(0.01)
    return {"theme": "dark"}


@traced("parse number")
async def parse(text):
    await asyncio.sleep(0)
    return int(text)


@indented("    ")
async def nested_work():
    print("    working")


async def main():
    print(await load_settings())
    print(await parse("42"))
    try:
        await parse("forty-two")
    except ValueError as exc:
        print("caught:", exc)
    await nested_work()
    async with traced("used as a plain context manager"):
        print("inside")


asyncio.run(main())
