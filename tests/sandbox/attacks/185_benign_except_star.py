# expect: ok
# output: ValueErrors: ['bad value 1', 'bad value 2']\nTypeErrors: ['bad type']\nKeyErrors: ["KeyError('j')", "KeyError('k')"]\nmessage: manual count: 1\n
import asyncio


async def bad_value(n):
    await asyncio.sleep(0.01 * n)
    raise ValueError(f"bad value {n}")


async def bad_type():
    await asyncio.sleep(0.005)
    raise TypeError("bad type")


async def main():
    results = await asyncio.gather(bad_value(1), bad_type(), bad_value(2), return_exceptions=True)
    try:
        raise ExceptionGroup("batch", [r for r in results if isinstance(r, Exception)])
    except* ValueError as group:
        print("ValueErrors:", [str(e) for e in group.exceptions])
    except* TypeError as group:
        print("TypeErrors:", [str(e) for e in group.exceptions])

    try:
        raise ExceptionGroup("manual", [KeyError("k"), ValueError("v"), KeyError("j")])
    except* KeyError as group:
        print("KeyErrors:", sorted(repr(e) for e in group.exceptions))
    except* ValueError as group:
        print("message:", group.message, "count:", len(group.exceptions))


asyncio.run(main())
