# expect: blocked
# aim: exceeds 256 MiB by allocating a 2**27-slot list (1 GiB of pointers, every slot written) in a single C call
# marker: SURVIVED-160-0e4b
# family: resource exhaustion (memory, list)
MARK = "-".join(["SURVIVED", "160", "0e4b"])

slots = [None] * (1 << 27)
print(MARK, "list with", len(slots) >> 20, "Mi slots (", (len(slots) * 8) >> 20, "MiB )")
