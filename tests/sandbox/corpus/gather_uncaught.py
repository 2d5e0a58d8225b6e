import asyncio


async def download(name, seconds):
    await asyncio.sleep(seconds)
    if name.endswith(".exe"):
        raise PermissionError(f"refusing to download {name}")
    print("downloaded", name)
    return len(name)


async def main():
    sizes = await asyncio.gather(
        download("notes.txt", 0.01),
        download("setup.exe", 0.02),
        download("photo.png", 0.05),
    )
    print("sizes:", sizes)


asyncio.run(main())
