import datetime
import functools
import itertools
import json
import math
import random
import re
import statistics
import string
import textwrap

random.seed(1234)
print(random.randint(1, 100), random.choice("abc"), round(random.random(), 6))
print(json.dumps({"b": [1, 2], "a": None}, sort_keys=True), json.loads("[1, 2.5]"))
print(re.findall(r"\d+", "a1b22c333"), re.sub("o", "0", "foo"))
print(math.sqrt(16), math.pi > 3, statistics.mean([1, 2, 3, 4]), statistics.median([3, 1, 2]))
print(list(itertools.islice(itertools.count(5), 3)), list(itertools.chain("ab", "cd")))
print(functools.reduce(lambda a, b: a * b, range(1, 6)), string.ascii_lowercase[:5])
print(textwrap.shorten("the quick brown fox jumps", width=15))
print(datetime.date(2024, 2, 29) + datetime.timedelta(days=1))
print(string.Template("$who likes $what").substitute(who="tim", what="asyncio"))


@functools.cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(30))
