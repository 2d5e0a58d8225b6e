import asyncio


class Downloader:
    """Fetches files, one at a time."""

    class Settings:
        """Knobs for the downloader."""

    async def fetch(self, url):
        """Pretend to download url."""
        await asyncio.sleep(0)
        return url


def helper():
    pass


async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.current_task()
    pending = Downloader().fetch("page.html")
    things = {
        "loop": loop,
        "task": task,
        "coroutine": pending,
        "class": Downloader,
        "future": loop.create_future(),
        "queue": asyncio.Queue(),
        "lock": asyncio.Lock(),
        "method": Downloader().fetch,
        "function": helper,
        "builtin": print,
        "library function": asyncio.sleep,
    }
    for label, thing in things.items():
        print(f"{label:<17} {type(thing).__name__:<24} {type(thing).__qualname__}")

    print(Downloader.Settings.__name__, "|", Downloader.Settings.__qualname__)
    print(Downloader.fetch.__name__, "|", Downloader.fetch.__qualname__, "|", main.__qualname__)
    print(Downloader.__doc__, "|", Downloader.Settings.__doc__, "|", Downloader.fetch.__doc__)
    print("helper has no docstring:", helper.__doc__)
    print("loop class doc:", type(loop).__doc__.strip().splitlines()[0])
    print("asyncio.sleep doc:", asyncio.sleep.__doc__.splitlines()[0])
    print("Task doc:", type(task).__doc__.splitlines()[0])
    print("task name:", task.get_name(), "| coroutine name:", pending.__name__, pending.__qualname__)
    print(await pending)


asyncio.run(main())
