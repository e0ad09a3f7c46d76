import HTTPTypes

/// The `BackupService.xxxx` errors the emulator raises (API reference §4.1).
extension EmulatorError {
    /// `BackupService.9900`: parameter validation failed.
    static func invalidParameter(_ message: String) -> EmulatorError {
        .cbr(.badRequest, 9900, message)
    }

    /// `BackupService.6105`: the vault does not exist (404).
    static let vaultNotFound = EmulatorError.cbr(.notFound, 6105, "The vault does not exist.")

    /// `BackupService.6217`: the restore point does not exist (404).
    static let checkpointNotFound = EmulatorError.cbr(.notFound, 6217, "The restore point does not exist.")

    /// `BackupService.9910`: an unexpected internal error (500). Deliberately generic.
    static let internalError = EmulatorError.cbr(.internalServerError, 9910, "Unknown error.")

    /// `BackupService.6101`: vault size out of range on create.
    static func invalidVaultSize(_ size: Int) -> EmulatorError {
        .cbr(.badRequest, 6101, "Invalid vault size \(size): it must be from 10 to 10485760 GB.")
    }

    /// `BackupService.6102`: the vault's object type does not accept this resource type.
    static func resourceTypeMismatch(_ type: String, vaultType: String) -> EmulatorError {
        .cbr(.badRequest, 6102, "The resource type \(type) does not match the vault type \(vaultType).")
    }

    /// `BackupService.6103`: the resource is already associated with a vault (this one or another).
    static func resourceAlreadyInVault(_ id: String, vaultID: String) -> EmulatorError {
        .cbr(.badRequest, 6103, "The resource \(id) is already associated with vault \(vaultID).")
    }

    /// `BackupService.6104`: the same resource appears twice in the request.
    static func duplicateResource(_ id: String) -> EmulatorError {
        .cbr(.badRequest, 6104, "Duplicate resources in the request: \(id).")
    }

    /// `BackupService.6302` (404): no such resource in the project.
    static func resourceNotFound(_ id: String) -> EmulatorError {
        .cbr(.notFound, 6302, "The resource \(id) does not exist.")
    }

    /// `BackupService.0001`: the vault has nothing to back up.
    static let nothingToBackUp = EmulatorError.cbr(.badRequest, 1, "The vault has no resources to back up.")

    /// `BackupService.6135`: a requested resource is not associated with the vault.
    static func resourceNotInVault(_ id: String) -> EmulatorError {
        .cbr(.badRequest, 6135, "The resource \(id) is not in the vault.")
    }
}
