# expect: blocked
# aim: (sandbox-specific: plain CPython has no loop filter) every other way to name a refused loop method: getattr on the loop's class and on AbstractEventLoop, type(loop).mro() entries, the loop from Runner.get_loop(), get_event_loop(), Task.get_loop(), Future.get_loop(), functools.partial / reduce over getattr, hasattr/getattr defaults, a snippet subclass of the loop class, an object whose __class__ claims to be the loop class, and the raw object.__getattribute__ a dataclass default leaks (see 202); the marker names each route that handed out add_reader/sock_connect/connect_read_pipe
# marker: ESCAPED-224-3f18
# family: event-loop filter trusts isinstance (other routes to loop methods)
import asyncio
import dataclasses
import functools

MARK = "-".join(["ESCAPED", "224", "3f18"])
U = chr(95) * 2
WANTED = ("add_reader", "sock_connect", "connect_read_pipe", "subprocess_exec")
got = []


def try_route(label, make):
    try:
        value = make()
    except Exception:
        return
    if callable(value):
        got.append(label)


def raw_getattr():
    real_type = type(int)
    probe = real_type("Probe", (), {U + "annotations" + U: {U + "getattribute" + U: int}})
    probe = dataclasses.dataclass(init=False, repr=False, eq=False)(probe)
    return dataclasses.fields(probe)[0].default


async def main():
    loop = asyncio.get_running_loop()
    kind = type(loop)
    task = asyncio.current_task()
    future = loop.create_future()
    future.set_result(None)
    for name in WANTED:
        try_route("class getattr " + name, lambda: getattr(kind, name))
        try_route("AbstractEventLoop " + name, lambda: getattr(asyncio.AbstractEventLoop, name))
        try_route("task.get_loop " + name, lambda: getattr(task.get_loop(), name))
        try_route("future.get_loop " + name, lambda: getattr(future.get_loop(), name))
        try_route("get_event_loop " + name, lambda: getattr(asyncio.get_event_loop(), name))
        try_route("partial " + name, lambda: functools.partial(getattr, loop)(name))
        try_route("reduce " + name, lambda: functools.reduce(getattr, [name], loop))
        try_route("getattr default " + name, lambda: getattr(loop, name, None))
        try_route("raw getattr " + name, lambda: raw_getattr()(loop, name))
        try:
            for base in kind.mro():
                try_route("mro " + base.__name__ + " " + name, lambda: getattr(base, name))
        except AttributeError:
            pass

        class Mine(kind):
            pass

        try_route("subclass " + name, lambda: getattr(Mine, name))


asyncio.run(main())
with asyncio.Runner() as runner:
    other = runner.get_loop()
    try_route("Runner.get_loop add_reader", lambda: other.add_reader)
if got:
    print(MARK, got)
