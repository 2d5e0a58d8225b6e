# expect: blocked
# aim: overrides of the other ExceptionGroup hooks CPython calls from C: `derive` returning a non-group or a group of another class, and `subgroup` returning a non-group, reached through except* (split -> derive) and through a TaskGroup-style re-raise; the attack worked if a handler ever binds something that is not an exception (type confusion) or the interpreter skips its checks
# marker: ESCAPED-216-5c8f
# family: interpreter callback type confusion (ExceptionGroup.derive / subgroup)
seen = []


class BadDerive(ExceptionGroup):
    def derive(self, excs):
        return len


class OtherDerive(ExceptionGroup):
    def derive(self, excs):
        return [1, 2, 3]


class BadSubgroup(ExceptionGroup):
    def subgroup(self, condition):
        return len


for cls in (BadDerive, OtherDerive, BadSubgroup):
    try:
        try:
            raise cls("g", [ValueError(1), TypeError(2)])
        except* ValueError as matched:
            seen.append(matched)
    except BaseException as exc:
        seen.append(exc)

confused = [item for item in seen if not isinstance(item, BaseException)]
print([type(item).__name__ for item in seen])
if confused:
    print("-".join(["ESCAPED", "216", "5c8f"]), "non-exception bound:", confused)
