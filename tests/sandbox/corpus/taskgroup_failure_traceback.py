import asyncio


async def resize(image, width, delay):
    await asyncio.sleep(delay)
    if width <= 0:
        raise ValueError(f"bad width {width} for {image}")
    print(f"resized {image} to {width}px")


async def main():
    async with asyncio.TaskGroup() as group:
        group.create_task(resize("cat.png", 200, 0.01))
        group.create_task(resize("dog.png", 0, 0.02))
        group.create_task(resize("owl.png", 120, 0.05))
    print("all images resized")


asyncio.run(main())
