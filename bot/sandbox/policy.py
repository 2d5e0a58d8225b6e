"""Layer 1, compile time: a RestrictedPython policy that also accepts asyncio syntax.

Stock RestrictedPython refuses `async def`, `await`, `async for` and `async with`.
This policy allows them, and gives each async node every check its sync twin
gets (function and argument names, guarded iteration, tuple unpacking). It also
drops RestrictedPython's per-function print collector: `print` stays the real
builtin so output of interleaved tasks keeps its order.
"""

from __future__ import annotations

import ast

from RestrictedPython.transformer import RestrictingNodeTransformer, copy_locations

from .names import DEFINABLE_DUNDERS, RESERVED_NAMES, attribute_allowed


class PolicyError(Exception):
    """The snippet uses something the policy refuses; `errors` lists why."""

    def __init__(self, errors: list[str], line: int | None) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors
        self.line = line


class AsyncPolicy(RestrictingNodeTransformer):
    """RestrictingNodeTransformer plus asyncio syntax, with the same checks as the sync forms."""

    def __init__(self) -> None:
        super().__init__()
        self.first_line: int | None = None

    def error(self, node: ast.AST, info: str) -> None:
        line = getattr(node, "lineno", None)
        if self.first_line is None:
            self.first_line = line
        super().error(node, info)

    # -- names ---------------------------------------------------------------

    def check_name(self, node, name, allow_magic_methods=False):  # noqa: D102
        if name is None:
            return
        if name.startswith("_") and name != "_":
            if allow_magic_methods and name in DEFINABLE_DUNDERS:
                return
            self.error(node, f'"{name}" is an invalid variable name because it starts with "_"')
        elif name.endswith("__roles__"):
            self.error(node, f'"{name}" is an invalid variable name.')
        elif name in RESERVED_NAMES:
            self.error(node, f'"{name}" is a reserved name.')

    def visit_Name(self, node: ast.Name) -> ast.AST:
        node = self.node_contents_visit(node)
        if isinstance(node.ctx, ast.Load) and node.id in ("print", "__name__", "__file__"):
            # `print` is the real streaming builtin, `__name__` and `__file__` strings.
            return node
        self.check_name(node, node.id)
        return node

    def inject_print_collector(self, node, position=0):
        """Output streams straight to stdout; no per-function collector."""

    def visit_Global(self, node: ast.Global) -> ast.AST:
        for name in node.names:
            self.check_name(node, name)
        return self.node_contents_visit(node)

    def visit_Nonlocal(self, node: ast.Nonlocal) -> ast.AST:
        for name in node.names:
            self.check_name(node, name)
        return self.node_contents_visit(node)

    # -- attributes ----------------------------------------------------------

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        if not attribute_allowed(node.attr):
            self.error(node, f'"{node.attr}" is not an allowed attribute name.')
        elif node.attr.startswith("__") and not isinstance(node.ctx, ast.Load):
            self.error(node, f'"{node.attr}" cannot be assigned or deleted.')
        node = self.node_contents_visit(node)
        if isinstance(node.ctx, ast.Load):
            call = ast.Call(
                func=ast.Name("_getattr_", ast.Load()),
                args=[node.value, ast.Constant(node.attr)],
                keywords=[],
            )
            copy_locations(call, node)
            return call
        guarded = ast.Call(func=ast.Name("_write_", ast.Load()), args=[node.value], keywords=[])
        copy_locations(guarded, node.value)
        node.value = guarded
        return node

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST:
        target = node.target
        op = ast.Constant(_AUG_OPERATORS[type(node.op)])
        if isinstance(target, ast.Name):
            return super().visit_AugAssign(node)
        if isinstance(target, ast.Attribute):
            if not attribute_allowed(target.attr) or target.attr.startswith("__"):
                self.error(node, f'"{target.attr}" is not an allowed attribute name.')
            obj = self.visit(target.value)
            value = self.visit(node.value)
            call = ast.Call(
                func=ast.Name("_augattr_", ast.Load()),
                args=[obj, ast.Constant(target.attr), op, value],
                keywords=[],
            )
        else:
            obj = self.visit(target.value)
            key = self.visit(target.slice)
            value = self.visit(node.value)
            call = ast.Call(
                func=ast.Name("_augitem_", ast.Load()), args=[obj, key, op, value], keywords=[]
            )
        stmt = ast.Expr(value=call)
        copy_locations(call, node)
        copy_locations(stmt, node)
        return stmt

    def visit_Assign(self, node: ast.Assign):
        """As RestrictedPython's, but an unpacking error points at the target tuple,
        where CPython puts its carets."""
        result = super().visit_Assign(node)
        for stmt in result if isinstance(result, list) else [result]:
            value = getattr(stmt, "value", None)
            if (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name)
                and value.func.id == "_unpack_sequence_"
            ):
                # Only the call and its helper arguments move; the right-hand side
                # keeps its own position for errors raised while evaluating it.
                copy_locations(value, stmt.targets[0])
                for helper in (value.func, *value.args[1:]):
                    for part in ast.walk(helper):
                        if hasattr(part, "lineno"):
                            copy_locations(part, stmt.targets[0])
        return result

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        return self.node_contents_visit(node)

    # -- classes -------------------------------------------------------------

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        """Classes are built by the sandbox's `__build_class__`; no metaclass keyword."""
        self.check_name(node, node.name)
        if any(keyword.arg == "metaclass" for keyword in node.keywords):
            self.error(node, 'The keyword argument "metaclass" is not allowed.')
        return self.node_contents_visit(node)

    # -- exception groups --------------------------------------------------

    def visit_TryStar(self, node: ast.AST) -> ast.AST:
        """`except*` gets the checks of `except`, and its body is wrapped so that a
        raised group is checked before CPython calls its split() and trusts the
        result (CVE-2025-22153, CPython gh-128049): `_check_group_` refuses groups
        whose split or subgroup is not BaseExceptionGroup's own, then a bare
        `raise` sends the group on unchanged (same traceback)."""
        node = self.node_contents_visit(node)
        check = ast.Expr(
            ast.Call(
                func=ast.Name("_check_group_", ast.Load()),
                args=[ast.Name("_group_", ast.Load())],
                keywords=[],
            )
        )
        handler = ast.ExceptHandler(
            type=ast.Name("_group_type_", ast.Load()), name="_group_", body=[check, ast.Raise()]
        )
        wrapper = ast.Try(body=node.body, handlers=[handler], orelse=[], finalbody=[])
        call = check.value
        for part in (wrapper, handler, handler.type, *handler.body, call, call.func, *call.args):
            copy_locations(part, node)
        node.body = [wrapper]
        return node

    # -- async ---------------------------------------------------------------

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:
        self.check_name(node, node.name, allow_magic_methods=True)
        self.check_function_argument_names(node)
        return self.node_contents_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        self.check_name(node, node.name, allow_magic_methods=True)
        self.check_function_argument_names(node)
        return self.node_contents_visit(node)

    def visit_Await(self, node: ast.Await) -> ast.AST:
        return self.node_contents_visit(node)

    def visit_AsyncWith(self, node: ast.AsyncWith) -> ast.AST:
        # Same handling as `with`: tuple targets are unpacked through the guard.
        return RestrictingNodeTransformer.visit_With(self, node)

    def _guard_async_iter(self, node: ast.AsyncFor | ast.comprehension) -> None:
        if isinstance(node.target, ast.Tuple):
            new_iter = ast.Call(
                func=ast.Name("_aiter_unpack_sequence_", ast.Load()),
                args=[
                    node.iter,
                    self.gen_unpack_spec(node.target),
                    ast.Name("_getiter_", ast.Load()),
                ],
                keywords=[],
            )
        else:
            new_iter = ast.Call(
                func=ast.Name("_getaiter_", ast.Load()), args=[node.iter], keywords=[]
            )
        copy_locations(new_iter, node.iter)
        node.iter = new_iter

    def visit_AsyncFor(self, node: ast.AsyncFor) -> ast.AST:
        node = self.node_contents_visit(node)
        self._guard_async_iter(node)
        return node

    def visit_comprehension(self, node: ast.comprehension) -> ast.AST:
        if not node.is_async:
            return self.guard_iter(node)
        node = self.node_contents_visit(node)
        self._guard_async_iter(node)
        return node


_AUG_OPERATORS = {
    ast.Add: "+=",
    ast.Sub: "-=",
    ast.Mult: "*=",
    ast.Div: "/=",
    ast.Mod: "%=",
    ast.Pow: "**=",
    ast.LShift: "<<=",
    ast.RShift: ">>=",
    ast.BitOr: "|=",
    ast.BitXor: "^=",
    ast.BitAnd: "&=",
    ast.FloorDiv: "//=",
    ast.MatMult: "@=",
}


def restrict(tree: ast.Module) -> ast.Module:
    """Apply the policy to a parsed module; raise PolicyError listing every violation."""
    policy = AsyncPolicy()
    tree = policy.visit(tree)
    if policy.errors:
        raise PolicyError(list(policy.errors), policy.first_line)
    return ast.fix_missing_locations(tree)
