# expect: blocked
# aim: (sandbox-specific: plain CPython has no loop filter) `super(type(loop), loop).add_reader/add_writer` register callbacks on raw fd numbers 0..63: the selector accepts only open fds, so this maps the child's descriptor table (which fds a redesign leaves open) and gets notified of data on any of them without owning a file object
# marker: ESCAPED-226-e5b0
# family: event-loop filter trusts isinstance (super() on the loop; raw fds)
import asyncio

MARK = "-".join(["ESCAPED", "226", "e5b0"])


async def main():
    loop = asyncio.get_running_loop()
    parent = super(type(loop), loop)
    registered, ready = [], []
    for number in range(0, 64):
        if number in (1, 2):
            continue
        try:
            parent.add_writer(number, ready.append, number)
            registered.append(number)
        except (OSError, ValueError, KeyError, RuntimeError):
            continue
    await asyncio.sleep(0.05)
    for number in registered:
        parent.remove_writer(number)
    if registered:
        print(MARK, "open fds", registered, "writable", sorted(set(ready)))


asyncio.run(main())
