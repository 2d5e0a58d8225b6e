# expect: blocked
# layers: audit
# aim: (sandbox-specific; assumes layers 1-2 already fell) finds the hook function itself: a denied event's AuditDenied traceback ends in the hook's frame (its f_globals is the hook module, even if it was removed from sys.modules), a rebinding of DENIED_EVENTS there opens gc, and gc.get_referrers(hook frame's code) yields the function; then its closure cells (write_roots, readable roots, ...) get cell_contents = ("",), which makes `real.startswith("" + "/")` true for every path; DENIED_EVENTS is restored first, so the marker (listing the stdlib directory, refused by the hook, allowed by Landlock) comes from the cells alone
# marker: ESCAPED-233-8e6c
# family: audit hook state is mutable (closure cells)
import gc
import os

MARK = "-".join(["ESCAPED", "233", "8e6c"])
# A directory Landlock lets the child read but the hook refuses to list (the stdlib
# directory also qualifies where the slot uid may traverse to it).
stdlib = next(p for p in ("/usr/share/zoneinfo", os.path.dirname(os.__file__)) if os.path.isdir(p))


def listing():
    try:
        return len(os.listdir(stdlib))
    except OSError:
        return None


before = listing()
hook_frame = None
try:
    os.listdir(stdlib)
except OSError as exc:
    tb = exc.__traceback__
    while tb is not None:
        hook_frame = tb.tb_frame
        tb = tb.tb_next
if hook_frame is not None and before is None:
    module_globals = hook_frame.f_globals
    saved = module_globals.get("DENIED_EVENTS")
    module_globals["DENIED_EVENTS"] = frozenset()
    hooks = [f for f in gc.get_referrers(hook_frame.f_code) if hasattr(f, "__closure__")]
    if saved is not None:
        module_globals["DENIED_EVENTS"] = saved
    for hook in hooks:
        for cell in hook.__closure__ or ():
            value = cell.cell_contents
            if isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
                cell.cell_contents = ("",)
after = listing()
print("before", before, "after", after)
if before is None and after:
    print(MARK, "listed", after, "entries of", stdlib)
