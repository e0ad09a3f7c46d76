import CSBSEmulatorInterface

/// The servers and disks seeded into each project on first open.
///
/// The demo project holds the seed flow's server `e8cc6bfd-d324-4b88-9109-9fb0ba70676f` and a `SHUTOFF`
/// server (`ecs-9f93-0005`) that later milestones use for the "status does not allow backup" path. Its servers
/// carry tags for vaults' `bind_rules`: `backup=daily` on ecs-9f93-0003, -0004 (also `env=prod`) and -0005, `env=test`
/// on ecs-9f93-0002.
enum SeedInventory {
    /// The server every walkthrough uses (from the CBR seed flow).
    static let seedServerID = "e8cc6bfd-d324-4b88-9109-9fb0ba70676f"
    /// The demo project's stopped server.
    static let shutoffServerID = "4b6c1f0e-8a2d-4e57-9c3b-1d0f7e5a2c94"

    /// The servers per project.
    static func servers(projectID: String) -> [ServerRecord] {
        table(projectID).map { server, _ in server }
    }

    /// The disks per project.
    static func disks(projectID: String) -> [DiskRecord] {
        table(projectID).flatMap { _, disks in disks }
    }

    private static func table(_ projectID: String) -> [(ServerRecord, [DiskRecord])] {
        switch projectID {
        case EmulatorAccount.demo.projectID: demo(projectID)
        case EmulatorAccount.other.projectID: other(projectID)
        default: []
        }
    }

    private static func demo(_ project: String) -> [(ServerRecord, [DiskRecord])] {
        let daily = ["backup": "daily"]
        return [
            (
                server(seedServerID, project, "ecs-9f93-0002", "ACTIVE", tags: ["env": "test"]),
                [
                    disk("c14856d0-07e8-453b-a442-444086cbad04", project, seedServerID, "ecs-9f93-0002",
                         40, 6_144, true),
                    disk("2422bc5e-4cde-4420-964d-30b7347042a7", project, seedServerID, "ecs-9f93-0002-data",
                         100, 2_048, false),
                ]
            ),
            (
                server("1a503932-ee8f-4dd5-8248-8dfb57e584c5", project, "ecs-9f93-0003", "ACTIVE", tags: daily),
                [disk("6f0d2c8b-3e4a-4b1c-9d7e-5a2f8c1b0e36", project, "1a503932-ee8f-4dd5-8248-8dfb57e584c5",
                      "ecs-9f93-0003", 40, 5_120, true)]
            ),
            (
                server(
                    "8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25", project, "ecs-9f93-0004", "ACTIVE",
                    tags: ["backup": "daily", "env": "prod"]
                ),
                [
                    disk("b2e7c4a9-5d1f-4830-8e6b-0a9c3d7f1e52", project, "8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25",
                         "ecs-9f93-0004", 50, 7_168, true),
                    disk("e5a1d9c3-7b2f-4c68-b0e4-3f8a6d2c9b17", project, "8d3f5a71-2c6b-4e09-a1d4-7b9e0c3f6a25",
                         "ecs-9f93-0004-data", 200, 30_720, false),
                ]
            ),
            (
                server(shutoffServerID, project, "ecs-9f93-0005", "SHUTOFF", tags: daily),
                [disk("9c4e2a7f-1b3d-4f5e-8a6c-2d0b9e7f3a18", project, shutoffServerID, "ecs-9f93-0005",
                      40, 4_096, true)]
            ),
        ]
    }

    private static func other(_ project: String) -> [(ServerRecord, [DiskRecord])] {
        let first = "0f7b3e9a-4c2d-4a18-b6e5-9d1c3f5a7e20"
        let second = "a6d2f8c4-9e1b-4d37-85c0-7f3a1e9b5d64"
        return [
            (
                server(first, project, "ecs-south-0001", "ACTIVE"),
                [disk("3d8b1f6e-2a9c-4e05-b7d3-6c0e4a2f8b91", project, first, "ecs-south-0001", 40, 3_072, true)]
            ),
            (
                server(second, project, "ecs-south-0002", "ACTIVE"),
                [
                    disk("7e2c9a4f-6b1d-4f83-a0e5-8d3b7c1f2a46", project, second, "ecs-south-0002", 40, 4_096, true),
                    disk("c9f1e3b7-5a2d-4c68-9e0b-1f4d8a6c3e75", project, second, "ecs-south-0002-data",
                         60, 1_024, false),
                ]
            ),
        ]
    }

    private static func server(
        _ id: String, _ project: String, _ name: String, _ status: String, tags: [String: String] = [:]
    ) -> ServerRecord {
        ServerRecord(
            id: id, projectId: project, name: name, status: status, availabilityZone: "\(zone(project))a",
            tags: WireJSON.encodeText(tags.sorted { $0.key < $1.key }.map { TagChange(key: $0.key, value: $0.value) })
        )
    }

    private static func disk(
        _ id: String, _ project: String, _ server: String, _ name: String, _ sizeGB: Int, _ usedMB: Int, _ boot: Bool
    ) -> DiskRecord {
        DiskRecord(
            id: id, projectId: project, serverId: server, name: name, sizeGB: sizeGB, usedMB: usedMB, bootable: boot
        )
    }

    private static func zone(_ project: String) -> String {
        let account = project == EmulatorAccount.other.projectID ? EmulatorAccount.other : .demo
        return account.projectName
    }
}
