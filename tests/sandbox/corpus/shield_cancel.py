import asyncio


async def save_to_disk(data):
    print("saving", data)
    await asyncio.sleep(0.05)
    print("saved", data)
    return len(data)


async def handle_request(save):
    print("request: waiting for the save")
    size = await asyncio.shield(save)
    print("request: this line is never reached")
    return size


async def main():
    save = asyncio.create_task(save_to_disk("important records"))
    request = asyncio.create_task(handle_request(save))
    await asyncio.sleep(0.01)

    request.cancel()
    try:
        await request
    except asyncio.CancelledError:
        print("request cancelled; the save keeps going")

    print("save cancelled?", save.cancelled(), "| done?", save.done())
    print("bytes saved:", await save)
    print("request cancelled?", request.cancelled())


asyncio.run(main())
