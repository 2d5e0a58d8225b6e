def pair(values):
    return values[0], values[1]


left, right = pair([1, 2])
print(left, right)
left, right = pair([1])
