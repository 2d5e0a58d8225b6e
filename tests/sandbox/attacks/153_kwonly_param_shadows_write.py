# expect: blocked
# aim: a plain `def` whose keyword-only parameter is named _write_ replaces the write guard and mutates a shared stdlib module (sync kwonly twin of the posonly advisory)
# marker: ESCAPED-153-d84b
# family: policy (guard-hook shadowing, kwonly)
import math

MARK = "-".join(["ESCAPED", "153", "d84b"])


def poison(*, _write_):
    math.inf = 7


poison(_write_=lambda ob: ob)
if math.inf == 7:
    print(MARK, "module attribute overwritten through shadowed _write_ (kwonly)")
