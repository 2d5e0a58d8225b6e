#!/bin/sh
# The sandbox container's entrypoint: give the jail the cgroups it makes one per
# run (memory and thread limits, OOM counts), then run the command.
#
# Docker mounts a container's cgroups read-only. With its own cgroup namespace
# (compose `cgroup: private`) the mount shows only this container's subtree, so
# making it writable lets the sandbox create cgroups below its own, always inside
# the container's limits. Needs CAP_SYS_ADMIN, which the jail needs anyway.
set -eu
root=/sys/fs/cgroup
if [ "$(stat -f -c %T "$root")" = cgroup2fs ]; then
    mount -o remount,rw "$root"
    # cgroup v2: a cgroup with processes in it cannot hand controllers to its
    # children, so move ours into a leaf first (as docker-in-docker does).
    mkdir -p "$root/init"
    xargs -r -n1 <"$root/cgroup.procs" >"$root/init/cgroup.procs" 2>/dev/null || true
else
    for controller in memory pids; do
        mount -o remount,bind,rw "$root/$controller"
    done
fi
exec "$@"
