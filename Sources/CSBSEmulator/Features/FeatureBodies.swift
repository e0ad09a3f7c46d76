/// A value of `GET /cbr-features`: a flag, a region or a list of regions.
enum FeatureValue: Encodable, Sendable, Equatable {
    case flag(Bool)
    case region(String)
    case regions([String])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .flag(let value): try container.encode(value)
        case .region(let value): try container.encode(value)
        case .regions(let value): try container.encode(value)
        }
    }

    /// What the emulator supports in `region`, by feature key (the keys the SDK documents): replication to
    /// `destinations` (the other regions the emulator has projects in; enabled when there is one), no
    /// dedicated-gateway replication and no dual-AZ backups.
    static func features(region: String, destinations: [String]) -> [String: FeatureValue] {
        [
            "replication.enable": .flag(!destinations.isEmpty),
            "replication.source_region": .region(region),
            "replication.destination_regions": .regions(destinations),
            "replication.destination_dgw_regions": .regions([]),
            "features.backup_double_az": .flag(false),
        ]
    }
}

/// `GET /replication-capabilities` response: the caller's region and where it can replicate to.
struct ReplicationCapabilitiesBody: Encodable, Sendable {
    struct Region: Encodable, Sendable {
        var name: String
        var replicationDestinations: [String]
    }

    var regions: [Region]
}
