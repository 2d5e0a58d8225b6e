import asyncio
import contextlib


class Resource:
    def __init__(self, name):
        self.name = name
        self.opened = False

    async def __aenter__(self):
        await asyncio.sleep(0)
        self.opened = True
        print("open", self.name)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print("close", self.name, exc_type is not None)
        return False


@contextlib.asynccontextmanager
async def session(tag):
    print("start", tag)
    try:
        yield tag.upper()
    finally:
        print("stop", tag)


async def main():
    async with Resource("db") as res:
        print("using", res.name, res.opened)
    async with session("web") as s, Resource("cache") as (r):
        print(s, r.name)
    async with contextlib.AsyncExitStack() as stack:
        for name in ("a", "b"):
            await stack.enter_async_context(Resource(name))
    try:
        async with Resource("boom"):
            raise KeyError("missing")
    except KeyError as exc:
        print("caught", repr(exc))


asyncio.run(main())
