# expect: blocked
# aim: an `async def` whose keyword-only parameter _getattr_ defaults to a raw getter unlocks str.format (refused only by the run-time guard); the format field walks asyncio.run.__globals__ to sys.modules['os'].environ
# marker: ESCAPED-155-b0f3
# family: policy (guard-hook shadowing, async def kwonly, _getattr_)
import asyncio
import operator

MARK = "-".join(["ESCAPED", "155", "b0f3"])
U = chr(95) * 2
try:
    AG = operator.attrgetter
except Exception:
    AG = None


def raw(ob, name, *default):
    return AG(name)(ob) if AG is not None else getattr(ob, name)


async def main(*, _getattr_=raw):
    template = "{0." + U + "globals" + U + "[sys].modules[os].environ}"
    try:
        leak = template.format(asyncio.run)
    except Exception:
        leak = ""
    if leak.startswith("environ("):
        print(MARK, "reached os.environ:", leak[:40])


asyncio.run(main())
