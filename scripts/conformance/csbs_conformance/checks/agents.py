"""File-backup clients (agents): register, list, show, update (uninstall), add and remove paths, check, unregister."""
from huaweicloudsdkcbr.v1 import model as cbr

from ..registry import SERVER_ID, SERVER_2_ID, UNKNOWN_ID, check, expect, expect_equal, expect_error

SERVER_NAME = "ecs-9f93-0002"  # the host name that ties a client to SERVER_ID


def _register(ctx, agent_id, host_name=SERVER_NAME, version="2.1.0"):
    body = cbr.AgentRegister(agent_id=agent_id, host_name=host_name, host_ip="192.168.0.10", host_os="Linux",
                             agent_version=version, agent_type="cloud")
    return ctx.cbr.register_agent(cbr.RegisterAgentRequest(body=cbr.AgentRegisterReq(agent=body))).agent


def _check(ctx, *server_ids):
    resources = [cbr.ProtectableAgentStatusResource(resource_id=s, resource_type="OS::Nova::Server")
                 for s in server_ids]
    return ctx.cbr.check_agent(cbr.CheckAgentRequest(body=cbr.ProtectableAgentReq(agent_status=resources))).agent_status


@check("agents.lifecycle")
def lifecycle(ctx):
    agent = _register(ctx, "agent-1")
    expect_equal((agent.agent_id, agent.host_name, agent.status, agent.paths), ("agent-1", SERVER_NAME, "available", []),
                 "register_agent answer")
    expect(agent.created_at is not None and agent.last_active_time is not None, "times are set")
    _register(ctx, "agent-2", host_name="elsewhere")

    added = ctx.cbr.add_agent_path(cbr.AddAgentPathRequest(agent_id="agent-1", body=cbr.AgentAddPathReq(
        add_path=["/home", "/var/log"],
        exclude_path=[cbr.ExcludePath(path_name="/home", exclude_path_name=["/home/tmp"])])))
    expect_equal((added.added, added.existed), (["/home", "/var/log"], []), "add_agent_path")
    removed = ctx.cbr.remove_agent_path(cbr.RemoveAgentPathRequest(
        agent_id="agent-1", body=cbr.AgentRemovePathReq(remove_path=["/var/log", "/tmp"])))
    expect_equal((removed.removed, removed.not_existed), (["/var/log"], ["/tmp"]), "remove_agent_path")
    shown = ctx.cbr.show_agent(cbr.ShowAgentRequest(agent_id="agent-1")).agent
    expect_equal([(p.dir_path, p.exclude_paths, p.status) for p in shown.paths], [("/home", "/home/tmp", "available")],
                 "show_agent paths")

    listed = ctx.cbr.list_agent(cbr.ListAgentRequest(limit="1", offset=1))
    expect_equal((listed.count, [a.agent_id for a in listed.agents]), (2, ["agent-2"]), "list_agent page")
    expect_equal(ctx.cbr.list_agent(cbr.ListAgentRequest(agent_id=["agent-1"])).count, 1, "list_agent(agent_id)")

    statuses = _check(ctx, SERVER_ID, SERVER_2_ID)
    expect_equal([(s.resource_id, s.installed, s.version) for s in statuses],
                 [(SERVER_ID, True, "2.1.0"), (SERVER_2_ID, False, None)], "check_agent")

    updated = ctx.cbr.update_agent(cbr.UpdateAgentRequest(
        agent_id="agent-1", body=cbr.AgentUpdateReq(agent=cbr.AgentUpdate(status="uninstall")))).agent
    expect_equal(updated.status, "uninstall", "update_agent status")
    expect_equal(_check(ctx, SERVER_ID)[0].installed, False, "an uninstalled client is not installed")

    deleted = ctx.cbr.unregister_agent(cbr.UnregisterAgentRequest(agent_id="agent-1"))
    expect_equal(deleted.status_code, 200, "unregister_agent status")
    expect_error(lambda: ctx.cbr.show_agent(cbr.ShowAgentRequest(agent_id="agent-1")), 400, "BackupService.7403")


@check("agents.errors")
def errors(ctx):
    expect_error(lambda: _register(ctx, "agent-1", version="2.x"), 400, "BackupService.9900")
    expect_error(lambda: ctx.cbr.update_agent(cbr.UpdateAgentRequest(
        agent_id="missing", body=cbr.AgentUpdateReq(agent=cbr.AgentUpdate(status="running")))), 400,
        "BackupService.9900")
    expect_error(lambda: ctx.cbr.add_agent_path(cbr.AddAgentPathRequest(
        agent_id="missing", body=cbr.AgentAddPathReq(add_path=["relative"]))), 400, "BackupService.9900")
    expect_error(lambda: ctx.cbr.add_agent_path(cbr.AddAgentPathRequest(
        agent_id="missing", body=cbr.AgentAddPathReq(add_path=["/data"]))), 400, "BackupService.7403")
    expect_error(lambda: ctx.cbr.unregister_agent(cbr.UnregisterAgentRequest(agent_id="missing")), 400,
                 "BackupService.7403")
    expect_error(lambda: _check(ctx, UNKNOWN_ID), 404, "BackupService.7100")
