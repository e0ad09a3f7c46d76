/// What an IAM token is scoped to: a project (what CBR and CSBS take) or a whole account (domain), which IAM's
/// account-level calls accept.
enum TokenScope: Sendable, Equatable {
    case project(ProjectRecord)
    case domain(DomainRecord)

    /// The project of a project-scoped token.
    var project: ProjectRecord? {
        if case .project(let project) = self { project } else { nil }
    }

    /// What a token request names as its scope: a project or an account, each by id, name or both (both must
    /// match when both are given).
    enum Request: Sendable, Equatable {
        case project(id: String?, name: String?)
        case domain(id: String?, name: String?)
    }
}
