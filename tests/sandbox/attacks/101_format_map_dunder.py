# expect: blocked
# aim: str.format_map with a dict subclass walks asyncio.run.__globals__['sys'].modules['os'].environ inside a replacement field (no attribute access in the snippet's own code)
# marker: ESCAPED-101-7be2
# family: format-string attribute traversal (format_map)
import asyncio

MARK = "-".join(["ESCAPED", "101", "7be2"])
U = chr(95) * 2


class Fields(dict):
    pass


template = "{fn." + U + "globals" + U + "[sys].modules[os].environ}"
leak = ""
try:
    leak = template.format_map(Fields(fn=asyncio.run))
except Exception:
    leak = ""
if leak.startswith("environ("):
    print(MARK, "reached os.environ:", leak[:40])
