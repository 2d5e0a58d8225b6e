# expect: blocked
# layers: none
# check: hostname-differs-from-host
# aim: the worker has no UTS namespace, so socket.gethostname() / os.uname().nodename inside a run are the host's name (an information leak, and a setup where the sandbox cannot choose its own name); the snippet prints the name it sees after "hostname:". The marker cannot be known when the file is written: it is printed only when the name is not one a sandbox would plausibly choose; the test must compare the printed name with the host's socket.gethostname() (check: hostname-differs-from-host)
# marker: ESCAPED-263-HOSTNAME
# family: jail gaps (UTS namespace / host name)
import os
import socket

names = {os.uname().nodename}
try:
    names.add(socket.gethostname())
except OSError:
    pass
print("hostname:", sorted(names))
neutral = {"", "localhost", "sandbox", "awaitbot", "awaitbot-sandbox", "(none)", "jail"}
if names - neutral:
    print("-".join(["ESCAPED", "263", "HOSTNAME"]), sorted(names - neutral))
