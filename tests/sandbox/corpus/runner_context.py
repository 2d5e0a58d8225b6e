import asyncio

visits = {"count": 0}


async def visit(name):
    visits["count"] += 1
    await asyncio.sleep(0.01)
    return f"hello {name} (visit #{visits['count']})"


with asyncio.Runner() as runner:
    print(runner.run(visit("ada")))
    print(runner.run(visit("grace")))
    loop = runner.get_loop()
    print("same loop every time:", loop is runner.get_loop())
    print("running between calls?", loop.is_running())
print("closed after the with block?", loop.is_closed())

runner = asyncio.Runner(debug=False)
try:
    print(runner.run(visit("linus")))
finally:
    runner.close()

try:
    runner.run(visit("too late"))
except RuntimeError as exc:
    print("RuntimeError:", exc)
print("the end")
