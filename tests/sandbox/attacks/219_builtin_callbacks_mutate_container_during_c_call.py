# expect: blocked
# aim: __eq__/__hash__/__index__/__lt__ callbacks that mutate the very container a C routine is walking (dict lookup clearing the dict, list.index/count/remove and deque.index removing items, sort/bisect-free comparisons, bytearray and list slice assignment whose __index__ resizes the target, str.join over a list that empties itself): historical use-after-free shapes in CPython's C code; the attack worked if a C routine returns a value that was never in the container (a freed object); a crash of the child would also mean a reachable use-after-free and the test should flag a signal
# marker: ESCAPED-219-83a1
# family: interpreter callbacks into user dunders (container mutation during C calls)
import collections

weird = []
store = {}


class Evil:
    def __init__(self, target, tag):
        self.target = target
        self.tag = tag

    def __hash__(self):
        return 7

    def __eq__(self, other):
        self.target.clear()
        return NotImplemented

    def __lt__(self, other):
        self.target.clear()
        return False


class Shrink(int):
    def __index__(self):
        victim.clear()
        return 0


def attempt(label, function, valid):
    try:
        value = function()
    except (RuntimeError, ValueError, IndexError, KeyError, TypeError):
        return
    if not valid(value):
        weird.append((label, repr(value)[:40]))


def small_int(value):
    return type(value) is int and 0 <= value < 1000


box = {}
box[Evil(box, "a")] = "kept"
attempt("dict-lookup", lambda: box.get(Evil(box, "b")), lambda v: v in ("kept", None))

items = [Evil(None, 1), 2, 3]
items[0].target = items
attempt("list-index", lambda: items.index(3), small_int)
items = [Evil(None, 1), 2, 3]
items[0].target = items
attempt("list-count", lambda: items.count(object()), small_int)

queue = collections.deque([Evil(None, 1), 2, 3])
queue[0].target = queue
attempt("deque-index", lambda: queue.index(3), small_int)


def resize_during_slice_assignment(data):
    victim[Shrink(0) : 8] = data
    return victim


victim = bytearray(b"abcdefgh" * 64)
attempt(
    "bytearray-setslice",
    lambda: resize_during_slice_assignment(b"x" * 512),
    lambda v: set(v) <= set(b"abcdefghx"),
)
victim = list(range(512))
attempt(
    "list-setslice",
    lambda: resize_during_slice_assignment([0] * 512),
    lambda v: all(type(x) is int for x in v),
)

order = [Evil(None, i) for i in range(20)]
for item in order:
    item.target = order
originals = list(order)
attempt("sort", lambda: sorted(order), lambda v: all(any(x is o for o in originals) for x in v))

print("survived all mutations")
if weird:
    print("-".join(["ESCAPED", "219", "83a1"]), weird)
