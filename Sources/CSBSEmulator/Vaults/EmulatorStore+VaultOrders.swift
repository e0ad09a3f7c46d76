import GRDB

extension EmulatorStore {
    /// Makes pay-per-use vaults yearly/monthly under the order `orderID`, all or nothing.
    /// - Throws: 6105 (a vault unknown in `projectID`), 6112 (one being deleted), 9900 (one already yearly/monthly:
    ///   the code is **inferred**).
    func changeChargeMode(
        vaultIDs: [String],
        projectID: String,
        orderID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            for id in vaultIDs {
                guard var vault = try Self.vault(id, projectID: projectID, in: db) else {
                    throw EmulatorError.vaultNotFound
                }
                guard vault.deletingUntil == nil else { throw EmulatorError.invalidVaultStatus(vault.billingStatus) }
                guard vault.chargingMode != VaultOrder.prePaid else {
                    throw EmulatorError.invalidParameter("The vault \(id) is already billed yearly/monthly.")
                }
                vault.chargingMode = VaultOrder.prePaid
                vault.orderId = orderID
                try vault.update(db)
            }
        }
    }

    /// Applies an order change to a yearly/monthly vault at once (the order is paid as it is placed): the vault
    /// takes the new size and `orderID` as its order.
    /// - Parameters:
    ///   - change: The vault, its new size and the spec code the order names.
    ///   - existingOrderID: For `update_order`, the order in the path, which must be the vault's current order.
    /// - Throws: 6105 (no such vault), 6112 (being deleted), 9900 (a pay-per-use vault, another spec code, an order
    ///   that is not the vault's: codes **inferred**), 6101 (a size below what the backups use).
    func changeOrder(
        _ change: OrderChange,
        existingOrderID: String?,
        projectID: String,
        orderID: String,
        at now: Int64,
        environment: StoreEnvironment
    ) async throws {
        try await writeState { db in
            try Self.settleIfDue(at: now, environment: environment, in: db)
            guard var vault = try Self.vault(change.vaultID, projectID: projectID, in: db) else {
                throw EmulatorError.vaultNotFound
            }
            guard vault.deletingUntil == nil else { throw EmulatorError.invalidVaultStatus(vault.billingStatus) }
            guard vault.chargingMode == VaultOrder.prePaid else {
                throw EmulatorError.invalidParameter("The vault \(vault.id) is billed pay-per-use; it has no order.")
            }
            if let existingOrderID, existingOrderID != vault.orderId {
                throw EmulatorError.invalidParameter(
                    "The order \(existingOrderID) is not the current order of vault \(vault.id)."
                )
            }
            let specCode = ResourceType.specCode(
                objectType: vault.objectType, protectType: vault.protectType, cloudType: vault.cloudType
            )
            guard change.specCode == specCode else {
                throw EmulatorError.invalidParameter(
                    "product_info.resource_spec_code \(change.specCode) does not match the vault's \(specCode)."
                )
            }
            let used = try Self.usedMB(vaultID: vault.id, at: now, in: db)
            guard change.sizeGB * 1024 >= used else {
                throw EmulatorError.vaultSmallerThanUsed(change.sizeGB, usedMB: used)
            }
            vault.sizeGB = change.sizeGB
            vault.orderId = orderID
            try vault.update(db)
        }
    }
}
