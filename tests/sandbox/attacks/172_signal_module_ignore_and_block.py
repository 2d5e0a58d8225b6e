# expect: blocked
# aim: gets the signal module from asyncio's internals (asyncio.runners.signal / unix_events.signal), ignores SIGTERM/SIGINT/SIGHUP/SIGALRM/SIGXCPU/... with SIG_IGN, blocks them with pthread_sigmask, disarms alarm()/setitimer, then lives 30 s
# marker: SURVIVED-172-1c9f
# family: signal tricks (signal module via asyncio internals)
import asyncio
import time

MARK = "-".join(["SURVIVED", "172", "1c9f"])
CATCHABLE = (1, 2, 3, 10, 12, 14, 15, 24, 25, 26, 27)

signal_mod = None
for get in (
    lambda: asyncio.runners.signal,
    lambda: asyncio.unix_events.signal,
    lambda: asyncio.sys.modules["signal"],
):
    try:
        signal_mod = get()
        break
    except Exception:
        continue

done = []
if signal_mod is not None:
    for signum in CATCHABLE:
        try:
            signal_mod.signal(signum, signal_mod.SIG_IGN)
            done.append(signum)
        except Exception:
            pass
    try:
        signal_mod.pthread_sigmask(signal_mod.SIG_BLOCK, set(CATCHABLE))
        signal_mod.alarm(0)
        signal_mod.setitimer(signal_mod.ITIMER_REAL, 0)
        signal_mod.setitimer(signal_mod.ITIMER_VIRTUAL, 0)
        signal_mod.setitimer(signal_mod.ITIMER_PROF, 0)
    except Exception:
        pass

if done:
    start = time.monotonic()
    while time.monotonic() - start < 30:
        time.sleep(0.2)
    print(MARK, "ignored", done, "and lived", round(time.monotonic() - start), "s")
