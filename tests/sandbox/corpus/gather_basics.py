import asyncio


async def fetch_price(item, delay, price):
    await asyncio.sleep(delay)
    print(f"  price for {item} arrived")
    return price


async def check_stock(item):
    await asyncio.sleep(0.01)
    if item == "kiwi":
        raise LookupError(f"{item} is out of stock")
    return f"{item} is in stock"


async def main():
    print("prices arrive in the order they finish:")
    prices = await asyncio.gather(
        fetch_price("apple", 0.03, 1.2),
        fetch_price("pear", 0.01, 0.8),
        fetch_price("plum", 0.02, 2.5),
    )
    print("but gather returns them in argument order:", prices)
    print("total:", round(sum(prices), 2))

    results = await asyncio.gather(
        *(check_stock(item) for item in ["apple", "kiwi", "pear"]),
        return_exceptions=True,
    )
    for result in results:
        if isinstance(result, Exception):
            print("problem:", type(result).__name__, "-", result)
        else:
            print("ok:", result)
    print(results[1])
    print(repr(results[1]))

    nothing = await asyncio.gather()
    print("gather() with no arguments:", nothing)


asyncio.run(main())
