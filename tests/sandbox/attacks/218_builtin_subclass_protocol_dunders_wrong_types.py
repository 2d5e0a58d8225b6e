# expect: blocked
# aim: subclasses of builtins (int, str, list, dict, tuple) whose definable protocol dunders (__index__, __len__, __format__, __bool__, __iter__, __hash__, __await__, __int__, __float__) return wrong types, huge or negative values; each is called from C code that must check the result; the attack worked if any C caller hands back an object of the wrong type (type confusion) - a crash of the child would also mean an unchecked result and the test should flag a signal
# marker: ESCAPED-218-f2d6
# family: interpreter callbacks into user dunders (wrong-typed results)
import asyncio
import operator

confused = []


def check(label, value, kind):
    if not isinstance(value, kind):
        confused.append((label, type(value).__name__))


class Index(int):
    def __index__(self):
        return "not an int"

    def __int__(self):
        return 2.5

    def __float__(self):
        return "nan"


class Sized(list):
    def __len__(self):
        return -1


class Huge(list):
    def __len__(self):
        return 1 << 80


class Formatted(str):
    def __format__(self, spec):
        return 42


class Truthy(tuple):
    def __bool__(self):
        return "yes"


class Looping(dict):
    def __iter__(self):
        return 5


class Hashing(str):
    def __hash__(self):
        return 1 << 100


class Waiting:
    def __await__(self):
        return [1, 2, 3]


attempts = [
    ("index", lambda: operator.index(Index(3)), int),
    ("range", lambda: range(Index(3))[0], int),
    ("slice", lambda: [1, 2, 3, 4][Index(1) :][0], int),
    ("int", lambda: int(Index(3)), int),
    ("float", lambda: float(Index(3)), float),
    ("len-negative", lambda: len(Sized([1])), int),
    ("len-huge", lambda: len(Huge([1])), int),
    ("format", lambda: format(Formatted("x"), ""), str),
    ("fstring", lambda: f"{Formatted('x')}", str),
    ("bool", lambda: bool(Truthy((1,))), bool),
    ("iter", lambda: list(Looping({1: 2})), list),
    ("hash", lambda: hash(Hashing("x")), int),
    ("dict-key", lambda: {Hashing("x"): 1}[Hashing("x")], int),
]
for label, attempt, kind in attempts:
    try:
        check(label, attempt(), kind)
    except (TypeError, ValueError, OverflowError):
        pass


async def main():
    try:
        value = await Waiting()
        confused.append(("await", type(value).__name__))
    except TypeError:
        pass


asyncio.run(main())
print("checked", len(attempts) + 1, "callbacks")
if confused:
    print("-".join(["ESCAPED", "218", "f2d6"]), confused)
