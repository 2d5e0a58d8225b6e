# expect: blocked
# aim: (sandbox-specific: plain CPython has no loop filter) installs handlers for SIGTERM, SIGINT, SIGHUP, SIGUSR1 and SIGXCPU through the unbound _UnixSelectorEventLoop.add_signal_handler, named as `super(Sub, Sub).add_signal_handler` where Sub is a snippet subclass of type(loop) (a super object is neither a loop nor a class, so the filter lets the name through), applied to the running loop; a snippet that owns signal dispositions can ignore the polite stop signals a redesign might send before SIGKILL
# marker: ESCAPED-223-c64e
# family: event-loop filter trusts isinstance (super() on the loop; signal handlers)
import asyncio

MARK = "-".join(["ESCAPED", "223", "c64e"])
installed = []


async def main():
    loop = asyncio.get_running_loop()

    class Sub(type(loop)):
        pass

    # super(type(loop), loop) would skip the Unix loop's own methods; this does not.
    methods = super(Sub, Sub)
    for number in (15, 2, 1, 10, 24):  # TERM, INT, HUP, USR1, XCPU on Linux
        try:
            methods.add_signal_handler(loop, number, installed.append, number)
            installed.append(("handler", number))
        except (OSError, RuntimeError, ValueError) as exc:
            print("signal", number, type(exc).__name__)
    if installed:
        print(MARK, "signal handlers installed:", installed)


asyncio.run(main())
