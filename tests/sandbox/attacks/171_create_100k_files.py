# expect: blocked
# aim: exhausts inodes / directory space by creating 100,000 small files in the working directory (every open is closed again, so RLIMIT_NOFILE does not help)
# marker: SURVIVED-171-e28a
# family: resource exhaustion (disk, inode count)
MARK = "-".join(["SURVIVED", "171", "e28a"])

created = 0
for i in range(100000):
    try:
        with open("f" + str(i), "w") as fh:
            fh.write("x")
    except Exception:
        break
    created = created + 1
if created >= 100000:
    print(MARK, "created", created, "files")
