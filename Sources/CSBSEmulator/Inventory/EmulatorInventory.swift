import CSBSEmulatorInterface
import Foundation

/// Servers and disks declared on top of the seeded default inventory (`csbs serve --inventory FILE.json`).
///
/// The file is JSON, either for the demo project only:
///
/// ```json
/// {"servers": [{"id": "…", "name": "web-1", "status": "ACTIVE", "availability_zone": "cn-north-4a",
///               "disks": [{"id": "…", "name": "web-1-sys", "size_gb": 40, "bootable": true}]}]}
/// ```
///
/// or per project: `{"projects": [{"project_id": "0605…", "servers": [...]}]}`. Only `id` and `name` are
/// required; a server's `tags` (`[{"key": "backup", "value": "daily"}]`, for vaults' `bind_rules`) default to none,
/// `status` defaults to `ACTIVE`, `availability_zone` to `<project name>a`, a disk's `size_gb` to 40,
/// `bootable` to false and `used_mb` to a tenth of the size. Declared servers are added to the default ones
/// (an id that already exists is replaced).
public struct EmulatorInventory: Codable, Sendable, Equatable {
    /// One project's declared servers.
    public struct Project: Codable, Sendable, Equatable {
        public var projectId: String
        public var servers: [Server]
    }

    /// A declared ECS server.
    public struct Server: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var status: String?
        public var availabilityZone: String?
        public var disks: [Disk]?
        /// The server's tags, which a vault's `bind_rules` match.
        public var tags: [Tag]?
    }

    /// A tag of a declared server.
    public struct Tag: Codable, Sendable, Equatable {
        public var key: String
        public var value: String
    }

    /// A declared EVS disk attached to its server.
    public struct Disk: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var sizeGb: Int?
        public var bootable: Bool?
        public var usedMb: Int?
    }

    /// Servers of the demo project (shorthand form).
    public var servers: [Server]?
    /// Servers per project.
    public var projects: [Project]?

    /// Reads and checks an inventory file.
    /// - Throws: ``InventoryError`` for an unreadable file or invalid content.
    public static func load(path: String) throws -> EmulatorInventory {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw InventoryError.unreadable(path: path)
        }
        return try decode(data)
    }

    /// Decodes and checks inventory JSON.
    /// - Throws: ``InventoryError/invalid(_:)`` with a reason.
    public static func decode(_ data: Data) throws -> EmulatorInventory {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let inventory: EmulatorInventory
        do {
            inventory = try decoder.decode(EmulatorInventory.self, from: data)
        } catch let error as DecodingError {
            throw InventoryError.invalid(Self.describe(error))
        } catch {
            throw InventoryError.invalid("the file is not JSON")
        }
        if let problem = inventory.problem { throw InventoryError.invalid(problem) }
        return inventory
    }

    /// Every declared project with its servers (the shorthand `servers` belong to the demo project).
    var byProject: [Project] {
        (servers.map { [Project(projectId: EmulatorAccount.demo.projectID, servers: $0)] } ?? []) + (projects ?? [])
    }

    /// Why the inventory cannot be used, or `nil`.
    var problem: String? {
        if servers == nil && projects == nil { return "expected a \"servers\" or a \"projects\" array" }
        let known = Set(SeedAccount.all.map(\.account.projectID))
        var ids = Set<String>()
        for project in byProject {
            guard known.contains(project.projectId) else { return "unknown project_id \(project.projectId)" }
            for server in project.servers {
                if server.id.isEmpty || server.name.isEmpty { return "a server needs a non-empty id and name" }
                if let tags = server.tags,
                    tags.contains(where: { $0.key.isEmpty }) || Set(tags.map(\.key)).count != tags.count
                {
                    return "server \(server.id): tag keys must be non-empty and unique"
                }
                guard ids.insert(server.id).inserted else { return "duplicate id \(server.id)" }
                for disk in server.disks ?? [] {
                    if disk.id.isEmpty || disk.name.isEmpty { return "a disk needs a non-empty id and name" }
                    guard ids.insert(disk.id).inserted else { return "duplicate id \(disk.id)" }
                    if let size = disk.sizeGb, !(1...65536).contains(size) {
                        return "disk \(disk.id): size_gb must be between 1 and 65536"
                    }
                    if let used = disk.usedMb, used < 0 { return "disk \(disk.id): used_mb must not be negative" }
                }
            }
        }
        return nil
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" at \(path(context.codingPath))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "wrong type at \(path(context.codingPath))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the file is not valid JSON" : "invalid value at \(path(context.codingPath))"
        @unknown default:
            return "the file does not match the inventory format"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return text.isEmpty ? "the top level" : String(text.drop { $0 == "." })
    }
}

/// Why an inventory file cannot be used.
public enum InventoryError: Error, Equatable, CustomStringConvertible {
    /// The file cannot be read.
    case unreadable(path: String)
    /// The content is not a valid inventory.
    case invalid(String)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read the inventory file \(path)"
        case .invalid(let reason): "invalid inventory: \(reason)"
        }
    }
}
