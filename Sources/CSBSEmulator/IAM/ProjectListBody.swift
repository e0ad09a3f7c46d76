/// `GET /v3/projects` response body (§6.2).
struct ProjectListBody: Encodable, Sendable {
    struct Project: Encodable, Sendable {
        var id: String
        var name: String
        var domainId: String
        var parentId: String
        var enabled: Bool
        var isDomain: Bool
        var description: String
        var links: Links
    }

    struct Links: Encodable, Sendable {
        var `self`: String
    }

    struct PageLinks: Encodable, Sendable {
        var `self`: String
        var previous: String?
        var next: String?

        private enum CodingKeys: String, CodingKey {
            case `self`, previous, next
        }

        /// Encodes `previous`/`next` as `null` when there is no such page, as keystone does.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(self.`self`, forKey: .`self`)
            try container.encode(previous, forKey: .previous)
            try container.encode(next, forKey: .next)
        }
    }

    var projects: [Project]
    var links: PageLinks

    /// The listing of `projects`, each linked below `base` (the listing's URL without its query), the listing
    /// itself at `selfLink`, on one page.
    init(_ projects: [ProjectRecord], base: String, selfLink: String) {
        self.projects = projects.map { project in
            Project(
                id: project.id, name: project.name, domainId: project.domainId, parentId: project.domainId,
                enabled: true, isDomain: false, description: "", links: .init(self: "\(base)/\(project.id)")
            )
        }
        links = PageLinks(self: selfLink, previous: nil, next: nil)
    }
}
