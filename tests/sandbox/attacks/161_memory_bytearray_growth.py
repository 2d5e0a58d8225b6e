# expect: blocked
# aim: exceeds 256 MiB by growing one bytearray in 16 MiB steps to 1 GiB (many small reallocations rather than one big request)
# marker: SURVIVED-161-a5f8
# family: resource exhaustion (memory, incremental growth)
MARK = "-".join(["SURVIVED", "161", "a5f8"])
CHUNK = b"\x5a" * (16 << 20)

buf = bytearray()
while len(buf) < (1 << 30):
    buf += CHUNK
print(MARK, "bytearray grew to", len(buf) >> 20, "MiB; last byte", buf[-1])
