# expect: blocked
# aim: writes a 100 MiB file into the working directory (the file-size rlimit / disk quota must stop it) and checks its size by seeking
# marker: SURVIVED-170-7b1d
# family: resource exhaustion (disk, file size)
MARK = "-".join(["SURVIVED", "170", "7b1d"])
CHUNK = b"\x00" * (1 << 20)

size = 0
written = 0
with open("big-170.bin", "wb") as fh:
    while written < 100 << 20:
        written = written + fh.write(CHUNK)
    fh.flush()
    size = fh.seek(0, 2)
if size >= 100 << 20:
    print(MARK, "wrote", size >> 20, "MiB to the working directory")
