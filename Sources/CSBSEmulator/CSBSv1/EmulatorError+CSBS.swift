import HTTPTypes

/// CSBS v1 errors (API reference §4.4): `{"error_code": "CSBS.6000", "error_msg": "..."}`.
extension EmulatorError {
    /// A CSBS error with the given status, four-digit code and message.
    static func csbs(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> EmulatorError {
        EmulatorError(status: status, code: "CSBS.\(code)", message: message, shape: .cbr)
    }

    /// `CSBS.9001`: a parameter failed its check (400).
    static func csbsInvalid(_ message: String) -> EmulatorError {
        .csbs(.badRequest, "9001", message)
    }

    /// `CSBS.6000`: the server does not exist (400, not 404).
    static func csbsServerNotFound(_ id: String) -> EmulatorError {
        .csbs(.badRequest, "6000", "The server (\(id)) does not exist.")
    }

    /// `CSBS.6001`: the server is stopped or terminated.
    static func csbsServerStopped(_ id: String) -> EmulatorError {
        .csbs(.badRequest, "6001", "The server (\(id)) is stopped or terminated.")
    }

    /// `CSBS.6003`: the resource type cannot be protected.
    static func csbsUnsupportedType(_ id: String, _ type: String) -> EmulatorError {
        .csbs(.badRequest, "6003", "Resource (\(id)) type (\(type)) is not support protection.")
    }

    /// `CSBS.7000`: a resource holds at most 10 tags.
    static let csbsTagLimit = EmulatorError.csbs(.badRequest, "7000", "A resource has at most 10 tags.")

    /// `CSBS.7001`: the resource has no tag with this key (404).
    static func csbsTagNotFound(_ key: String) -> EmulatorError {
        .csbs(.notFound, "7001", "The tag \(key) does not exist.")
    }

    /// `CSBS.3000`: the backup policy does not exist (404).
    static let csbsPolicyNotFound = EmulatorError.csbs(.notFound, "3000", "The backup policy does not exist.")

    /// `CSBS.9007`: another policy of the project has this name.
    static func csbsDuplicatePolicyName(_ name: String) -> EmulatorError {
        .csbs(.badRequest, "9007", "The backup policy name \(name) is already used.")
    }

    /// `CSBS.6004`: the server is already in another backup policy.
    static func csbsServerInPolicy(_ id: String, policyID: String) -> EmulatorError {
        .csbs(.badRequest, "6004", "The server (\(id)) is already bound to the backup policy \(policyID).")
    }

    /// `CSBS.3001`: the backup (checkpoint item) or backup record does not exist (404).
    static let csbsBackupNotFound = EmulatorError.csbs(.notFound, "3001", "The backup does not exist.")

    /// `CSBS.2003`: the backup is backing up, restoring or deleting.
    static let csbsBusy = EmulatorError.csbs(
        .badRequest, "2003", "The backup is being backed up, restored or deleted."
    )

    /// `CSBS.4000`: the backup's status does not allow a restore.
    static let csbsNotRestorable = EmulatorError.csbs(
        .badRequest, "4000", "The backup status does not allow restoration."
    )
}
