import collections
import dataclasses
import enum
import typing


class Color(enum.Enum):
    RED = 1
    GREEN = 2


@dataclasses.dataclass
class Point:
    x: int
    y: int = 0
    tags: list = dataclasses.field(default_factory=list)

    def moved(self, dx):
        return dataclasses.replace(self, x=self.x + dx)


class Base:
    def __init__(self, name):
        self.name = name
        self.hits = 0

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"

    @property
    def shout(self):
        return self.name.upper()

    @classmethod
    def make(cls, name):
        return cls(name)

    @staticmethod
    def helper(a, b):
        return a + b


class Child(Base):
    def __init__(self, name, extra):
        super().__init__(name)
        self.extra = extra


Pair = collections.namedtuple("Pair", "left right")


class Item(typing.NamedTuple):
    name: str
    qty: int = 1


c = Child("kid", 3)
c.hits += 1
c.hits += 2
counts = collections.Counter("abracadabra")
table = {"a": 1}
table["a"] += 5
numbers = [1, 2, 3]
numbers[0] *= 10
print(c, c.shout, c.hits, c.extra, Base.helper(2, 3))
print(Point(1).moved(2), Color.GREEN, Color(1).name, list(Color))
print(counts.most_common(2), table, numbers)
print(Pair(1, 2), Item("bolt"), Item("nut", 3), Base.make("made"))
print(f"{1} + {2} = {3}", "{name}!".format_map({"name": "hi"}), f"{3.14159:.2f}")
print(isinstance(c, Base), issubclass(Child, Base), type(c).__name__, Child.__name__)
print(
    sorted(["b", "a"], reverse=True), list(zip("ab", range(2), strict=True)), dict(enumerate("xy"))
)
print(min(3, 1, 2), max([4, 5]), sum(x * x for x in range(4)), any([]), all([]))
print(list(map(str, range(3))), list(filter(None, [0, 1, 2])), list(reversed((1, 2))))
