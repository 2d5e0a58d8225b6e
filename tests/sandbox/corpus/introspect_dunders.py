import asyncio
import collections
from dataclasses import dataclass


@dataclass
class Job:
    name: str
    retries: int = 0


async def run(job: Job) -> str:
    await asyncio.sleep(0)
    return job.name


async def main():
    job = Job("backup")
    print(job.__class__.__name__, job.__module__, Job.__module__)
    print(job.__dict__)
    print(vars(job))
    print(Job.__annotations__)
    print(run.__annotations__)
    print(run.__module__, run.__defaults__)
    Point = collections.namedtuple("Point", "x y")
    print(Point(1, 2)._asdict(), Point(1, 2)._replace(x=5), Point._fields)
    print([name for name in dir(job) if not name.startswith("_")])
    print(await run(job))


asyncio.run(main())
