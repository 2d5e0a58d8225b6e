import asyncio


async def collect(name, values):
    await asyncio.sleep(0)
    return name, sum(values), len(values)


async def main():
    return await asyncio.gather(collect("ann", [3, 4, 5]), collect("bob", []))


results = asyncio.run(main())
for name, total, count in results[:1]:
    print(name, total / count)
name, total, count = results[1]
print(name, "average:", round(total / count, 2))