extension BackupClient {
    /// `GET /v3/{project_id}/protectables/{protectable_type}/instances`: one page of resources CBR could back up.
    public func listProtectables(type: ProtectableType, _ query: ProtectableQuery = .init()) async throws
        -> [Protectable]
    {
        let response: ProtectableList = try await send(.listProtectables, type.rawValue, query: query.queryItems)
        return response.instances
    }

    /// Every protectable resource of `type` matching `query`, page by page (marker pagination; the service
    /// allows at most 50 per page).
    public func protectables(type: ProtectableType, _ query: ProtectableQuery = .init(), pageSize: Int = 50)
        -> PageSequence<Protectable>
    {
        let client = self
        let limit = min(max(pageSize, 1), 50)
        return PageSequence(first: .marker(query.marker), source: pageSource(.listProtectables)) { cursor in
            var page = query
            page.limit = limit
            page.offset = nil
            page.marker = cursor.markerValue
            let instances = try await client.listProtectables(type: type, page)
            return FetchedPage(
                elements: instances,
                next: .afterMarkerPage(lastID: instances.last?.id, received: instances.count, limit: limit)
            )
        }
    }

    /// `GET /v3/{project_id}/protectables/{protectable_type}/instances/{instance_id}`.
    public func showProtectable(type: ProtectableType, id: String) async throws -> Protectable {
        let response: ProtectableEnvelope = try await send(.showProtectable, type.rawValue, id)
        return response.instance
    }
}

/// The answer to `GET /v3/{project_id}/protectables/{protectable_type}/instances`.
public struct ProtectableList: Codable, Sendable, Hashable {
    public var instances: [Protectable]

    public init(instances: [Protectable]) {
        self.instances = instances
    }
}

/// The answer to `GET /v3/{project_id}/protectables/{protectable_type}/instances/{instance_id}`.
public struct ProtectableEnvelope: Codable, Sendable, Hashable {
    public var instance: Protectable

    public init(instance: Protectable) {
        self.instance = instance
    }
}
