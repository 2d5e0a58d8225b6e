# expect: blocked
# aim: allocates a 1 GiB string through a format-spec width (f"{'x':>{n}}"), which no guard on `*` or on repetition sees
# marker: SURVIVED-162-37c1
# family: resource exhaustion (memory via format width)
MARK = "-".join(["SURVIVED", "162", "37c1"])
width = 1 << 30

padded = f"{'x':>{width}}"
print(MARK, "padded string of", len(padded) >> 20, "MiB, ends with", padded[-1])
