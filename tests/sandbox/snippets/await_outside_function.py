# ruff: noqa: F704


async def main():
    return 42


result = await main()
print(result)
