import asyncio
import sys


async def talker(name, n):
    for i in range(n):
        print(f"{name} {i}", end=" | " if i < n - 1 else "\n")
        await asyncio.sleep(0)


async def main():
    print("a", "b", "c", sep="-")
    print("to stderr", file=sys.stderr)
    print("back to stdout")
    sys.stdout.write("written directly\n")
    sys.stderr.write("error stream\n")
    await asyncio.gather(talker("x", 3), talker("y", 2))
    print("no newline", end="")
    print(" ... then newline", flush=True)


asyncio.run(main())
