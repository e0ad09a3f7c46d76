/// A resource to associate with a vault (`ResourceCreate` on the wire).
public struct ResourceReference: Codable, Sendable, Hashable {
    public var id: String
    /// `OS::Nova::Server` or `OS::Cinder::Volume`.
    public var type: String
    public var name: String?

    public init(id: String, type: String, name: String? = nil) {
        self.id = id
        self.type = type
        self.name = name
    }
}
