# ruff: noqa: RUF006
import asyncio


async def tick():
    print("tick")


try:
    asyncio.create_task(tick())
except RuntimeError as exc:
    print("RuntimeError:", exc)

try:
    asyncio.run(tick)
except ValueError as exc:
    print("ValueError:", str(exc).split(",")[0])
print("end")
