"""What the settings open: a sandbox here, or a pool over the sandbox services named."""

from bot.resources import Resources, open_sandbox, sandbox_limits
from bot.sandbox import Sandbox, SandboxPool
from tests.sandbox.services import ServiceProcess


def test_without_a_socket_the_sandbox_runs_in_this_process(settings):
    assert isinstance(open_sandbox(settings, sandbox_limits(settings)), Sandbox)


def test_every_socket_listed_becomes_an_endpoint_of_one_pool(settings, tmp_path):
    paths = (tmp_path / "a.sock", tmp_path / "b.sock")
    settings = settings.model_copy(update={"sandbox_socket": paths})
    sandboxes = open_sandbox(settings, sandbox_limits(settings))
    assert isinstance(sandboxes, SandboxPool)
    assert [e.socket_path for e in sandboxes.endpoints] == [str(p) for p in paths]


async def test_about_says_how_many_sandbox_endpoints_are_down(settings, tmp_path):
    async with ServiceProcess(tmp_path / "up.sock") as service:
        paths = (service.path, tmp_path / "never-started.sock")
        settings = settings.model_copy(update={"sandbox_socket": paths})
        sandboxes = open_sandbox(settings, sandbox_limits(settings))
        resources = Resources(faqs=None, sandbox=sandboxes, limits=sandbox_limits(settings))
        health = await resources._sandbox_health()
    assert health.startswith("ok: ") and health.endswith("; 1 of 2 sandbox endpoints down")
