# expect: blocked
# aim: the policy lets a class body define only DEFINABLE_DUNDERS, but a type(int)-built namespace can hold any dunder: __init_subclass__, __set_name__, __class_getitem__, __mro_entries__, __getattr__, __getattribute__ and a metaclass __instancecheck__ all get called by the interpreter with the snippet's code (each is a hook for later gadgets, e.g. __getattribute__ answering CPython's own lookups of `split` on an ExceptionGroup)
# marker: ESCAPED-207-14bb
# family: real metaclass (dunders defined through a type()-built namespace)
U = chr(95) * 2
real_type = type(int)
called = []


def d(name):
    return U + name + U


def init_subclass(cls, **kwargs):
    called.append("init_subclass")


def set_name(self, owner, name):
    called.append("set_name")


def class_getitem(cls, item):
    called.append("class_getitem")
    return cls


def mro_entries(self, bases):
    called.append("mro_entries")
    return (Hooked,)


def getattr_(self, name):
    called.append("getattr")
    return name


def getattribute(self, name):
    called.append("getattribute")
    return name


def instancecheck(cls, obj):
    called.append("instancecheck")
    return True


Hooked = real_type(
    "Hooked",
    (),
    {
        d("init_subclass"): classmethod(init_subclass),
        d("class_getitem"): classmethod(class_getitem),
        d("mro_entries"): mro_entries,
        d("getattr"): getattr_,
    },
)
Namer = real_type("Namer", (), {d("set_name"): set_name})
Sub = real_type("Sub", (Hooked,), {"attr": Namer()})
Hooked[int]


class Child(Hooked()):
    pass


Looker = real_type("Looker", (), {d("getattribute"): getattribute})
Looker().anything
Meta = real_type("Meta", (real_type,), {d("instancecheck"): instancecheck})
Anything = Meta("Anything", (), {})
isinstance(1, Anything)
Hooked().missing
if called:
    print("-".join(["ESCAPED", "207", "14bb"]), sorted(set(called)))
