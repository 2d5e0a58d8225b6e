import asyncio
import collections
import functools
import itertools
import operator
import random
import string


@functools.lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


async def roll_dice(rng, player):
    await asyncio.sleep(0)
    return player, rng.randint(1, 6) + rng.randint(1, 6)


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_soon(functools.partial(done.set_result, "partial worked"))
    print(await done)

    print([fib(n) for n in range(15)])
    print(fib.cache_info())

    rng = random.Random(2024)
    rolls = await asyncio.gather(*(roll_dice(rng, p) for p in ["ann", "bob", "cy", "dee"]))
    print(sorted(rolls, key=operator.itemgetter(1), reverse=True))
    random.seed(7)
    print(random.choice("abcdef"), random.sample(range(100), 3), round(random.random(), 6))

    ids = itertools.count(100, 5)
    print([next(ids) for _ in range(3)])
    words = ["apple", "avocado", "banana", "blueberry", "cherry"]
    for letter, group in itertools.groupby(words, key=operator.itemgetter(0)):
        print(letter, list(group))
    print(list(itertools.islice(itertools.cycle("ab"), 5)), list(itertools.pairwise([1, 2, 3])))
    print(functools.reduce(operator.mul, range(1, 6)))

    counts = collections.Counter("mississippi")
    print(counts.most_common(2))
    recent = collections.deque(maxlen=3)
    for n in range(6):
        recent.append(n)
    print(recent)
    by_len = collections.defaultdict(list)
    for word in words:
        by_len[len(word)].append(word)
    print(dict(by_len))
    Point = collections.namedtuple("Point", "x y")
    print(Point(3, 4), Point(x=1, y=2).y)
    print(string.Template("$who owes $$$amount").substitute(who="Sam", amount=12))
    print(string.ascii_lowercase[:5], string.capwords("hello async world"))


asyncio.run(main())
