import asyncio


def on_done(fut):
    if fut.cancelled():
        print("callback: the future was cancelled")
    elif fut.exception() is not None:
        print("callback: the future failed with", repr(fut.exception()))
    else:
        print("callback: the future holds", fut.result())


async def main():
    loop = asyncio.get_running_loop()

    answer = loop.create_future()
    answer.add_done_callback(on_done)
    loop.call_later(0.02, answer.set_result, 42)
    print("waiting for the answer...", answer)
    print("awaited:", await answer)
    print(answer)

    broken = loop.create_future()
    broken.add_done_callback(on_done)
    loop.call_soon(broken.set_exception, ConnectionResetError("peer went away"))
    try:
        await broken
    except ConnectionResetError as exc:
        print("awaiting it raised:", exc)

    abandoned = loop.create_future()
    abandoned.add_done_callback(on_done)
    abandoned.cancel()
    await asyncio.sleep(0)

    try:
        answer.set_result(43)
    except asyncio.InvalidStateError as exc:
        print("InvalidStateError:", exc)

    early = loop.create_future()
    try:
        early.result()
    except asyncio.InvalidStateError as exc:
        print("result() too early:", exc)


asyncio.run(main())
