import CSBSEmulatorInterface

/// The seeded identity behind an ``EmulatorAccount``: the fixed ids of its domain and user.
struct SeedAccount: Sendable {
    var account: EmulatorAccount
    var domainID: String
    var userID: String

    var domain: DomainRecord { DomainRecord(id: domainID, name: account.domainName) }
    var project: ProjectRecord {
        ProjectRecord(id: account.projectID, name: account.projectName, domainId: domainID)
    }
    var user: UserRecord {
        UserRecord(id: userID, domainId: domainID, name: account.userName, password: account.password)
    }

    /// Every account seeded on first open.
    static let all: [SeedAccount] = [
        SeedAccount(
            account: .demo,
            domainID: "d78cbac186b744899480f25bd022f468",
            userID: "aa2999fa5ae640f28926f8fd79188934"
        ),
        SeedAccount(
            account: .other,
            domainID: "5c1e7a9d3b2f4e6a8c0d1f3b5a7c9e2d",
            userID: "3f9a1c7e5b2d4a6c8e0f2b4d6a8c1e3f"
        ),
    ]
}
