# expect: blocked
# aim: a __del__ method (attached through a class namespace dict, so no dunder def is written) runs when the interpreter tears down the module after the snippet "finished", sleeps 30 s and prints
# marker: SURVIVED-174-90be
# family: resource exhaustion (wall clock, finalizer at interpreter exit)
import dataclasses
import time

MARK = "-".join(["SURVIVED", "174", "90be"])
DEL = chr(95) * 2 + "del" + chr(95) * 2
START = time.monotonic()


def linger(self):
    time.sleep(30)
    print(MARK, "finalizer ran", round(time.monotonic() - START), "s after start")


try:
    Lingering = type("Lingering", (), {DEL: linger})
except Exception:
    Lingering = dataclasses.make_dataclass("Lingering", [], namespace={DEL: linger})

keep = Lingering()  # freed only when the interpreter clears the module at exit
print("snippet body done")
