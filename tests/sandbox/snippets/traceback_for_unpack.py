scores = {"ann": 3, "bob": 5}
for name, score in scores.items():
    print(name, score)
try:
    for name, score in [1, 2]:
        print(name, score)
except TypeError as exc:
    print("TypeError:", exc)
for name, score in scores:
    print(name, score)
