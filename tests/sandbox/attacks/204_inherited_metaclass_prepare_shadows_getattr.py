# expect: blocked
# aim: (sandbox-specific: plain CPython has no guards to shadow, so liveness cannot be shown there) the metaclass is inherited from a base built with Meta(...), so the class statement has no keyword at all; Meta.__prepare__ pre-defines `_getattr_` and `_getiter_`, and every `obj.attr` and `for` in the class body calls the snippet's functions instead of the guards (here they record the calls); any guard replacement lets a later gadget hand the body a raw getattr (see 202) with no run-time check
# marker: ESCAPED-204-90cd
# family: real metaclass (inherited metaclass, __prepare__ shadows _getattr_/_getiter_)
U = chr(95) * 2
seen = []


def spy_getattr(obj, name, *default):
    seen.append(name)
    return "spied"


def spy_iter(obj):
    seen.append("iter")
    return iter([1])


def prepare(name, bases, **kwargs):
    return {"_getattr_": spy_getattr, "_getiter_": spy_iter}


real_type = type(int)
Meta = real_type("Meta", (real_type,), {U + "prepare" + U: prepare})
Base = Meta("Base", (), {})


class Innocent(Base):
    value = "text".upper
    for item in [1, 2, 3]:
        pass


if "upper" in seen or "iter" in seen:
    print("-".join(["ESCAPED", "204", "90cd"]), "guards replaced:", seen)
