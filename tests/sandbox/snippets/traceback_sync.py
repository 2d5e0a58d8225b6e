def parse(text):
    return int(text)


def load(values):
    try:
        return [parse(v) for v in values]
    except ValueError as exc:
        raise RuntimeError("could not load values") from exc


print("loading")
load(["1", "two"])
