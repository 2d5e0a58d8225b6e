import asyncio


class Connection:
    def __init__(self, host):
        self.host = host
        self.is_open = False

    async def __aenter__(self):
        await asyncio.sleep(0.01)
        self.is_open = True
        print(f"connected to {self.host}")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.01)
        self.is_open = False
        if exc_type is None:
            print(f"closed {self.host} cleanly")
            return False
        print(f"closed {self.host} after {exc_type.__name__}: {exc}")
        return exc_type is ConnectionAbortedError

    async def send(self, message):
        if message == "bye":
            raise ConnectionAbortedError("server hung up")
        if message == "???":
            raise ValueError("cannot encode '???'")
        await asyncio.sleep(0)
        print(f"sent {message!r}")


async def main():
    async with Connection("alpha.example") as conn:
        await conn.send("hello")
    print("open after the block?", conn.is_open)

    async with Connection("beta.example") as conn:
        await conn.send("bye")
        print("not printed")
    print("__aexit__ swallowed the ConnectionAbortedError")

    async with Connection("gamma.example") as conn:
        await conn.send("???")


asyncio.run(main())
