# expect: blocked
# aim: floods 1 GiB of output on ONE line (no newline, print(..., end='')), marker in the exact middle: it only survives if more than 512 MiB of a single line is relayed or buffered
# marker: FLOOD-163-MIDDLE
# family: output cap (single-line flood)
CHUNK = "A" * (1 << 20)
i = 0
while i < 1024:
    if i == 512:
        print("FLOOD-163" + "-MIDDLE", end="")
    print(CHUNK, end="")
    i = i + 1
print()
