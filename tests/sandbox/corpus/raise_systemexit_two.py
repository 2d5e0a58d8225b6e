import asyncio


async def connect(attempts):
    for attempt in range(1, attempts + 1):
        await asyncio.sleep(0.01)
        print(f"attempt {attempt}: no answer")
    raise ConnectionError("server unreachable")


async def main():
    try:
        await connect(3)
    except ConnectionError as exc:
        print("giving up:", exc)
        raise SystemExit(2)


asyncio.run(main())
