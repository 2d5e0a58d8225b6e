import asyncio
import json
import re
import statistics
import textwrap

RAW = """
[
  {"city": "Oslo", "readings": [3.5, 4.0, 2.5]},
  {"city": "Lima", "readings": [18.0, 19.5, 21.0, 20.5]},
  {"city": "Pune", "readings": [31.0, 29.5, 33.5]}
]
"""

LOG = "GET /api/users 200 12ms\nPOST /api/login 401 40ms\nGET /api/users 500 230ms\n"


async def summarise(station):
    await asyncio.sleep(0.01)
    readings = station["readings"]
    return {
        "city": station["city"],
        "mean": round(statistics.mean(readings), 2),
        "median": statistics.median(readings),
        "stdev": round(statistics.stdev(readings), 3),
    }


async def main():
    stations = json.loads(RAW)
    summaries = await asyncio.gather(*(summarise(s) for s in stations))
    print(json.dumps(summaries, indent=2, sort_keys=True))
    hottest = max(summaries, key=lambda s: s["mean"])
    print(f"hottest: {hottest['city']} at {hottest['mean']:.1f} degrees")

    pattern = re.compile(r"(?P<method>GET|POST) (?P<path>\S+) (?P<status>\d{3}) (?P<ms>\d+)ms")
    slow = [m.groupdict() for m in pattern.finditer(LOG) if int(m["ms"]) > 30]
    print("slow requests:", slow)
    print(re.sub(r"\d+ms", "<time>", LOG.splitlines()[0]))

    try:
        json.loads("{'single': 'quotes'}")
    except json.JSONDecodeError as exc:
        print("JSONDecodeError:", exc)

    text = "Summaries were computed concurrently with asyncio.gather, one coroutine per city, and then printed."
    print(textwrap.fill(text, width=40, initial_indent="> ", subsequent_indent="> "))


asyncio.run(main())
