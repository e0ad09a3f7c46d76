/// The bodies of the simulated yearly/monthly orders (`create_post_paid_vault`, `change_vault_charge_mode`,
/// `change_order`, `update_order`; shapes of the SDK's `PrePaidBillingCreate`, `ChangeToPeriod`, `CbcOrderChange`,
/// `CbcUpdate`). Nothing is billed: an order is an id, paid at once.
enum VaultOrder {
    /// The only charging mode an order takes: yearly/monthly.
    static let prePaid = "pre_paid"

    /// The order periods.
    static let periodTypes: Set<String> = ["year", "month"]

    /// How many periods an order may run (the SDK: 1 to 9).
    static let periodNums = 1...9

    /// The `resource_spec_code`s of an order change (the SDK's enumeration).
    static let specCodes: Set<String> = [
        "vault.backup.server.normal", "vault.backup.turbo.normal", "vault.backup.database.normal",
        "vault.backup.volume.normal", "vault.backup.rds.normal", "vault.replication.server.normal",
        "vault.hybrid.server.normal",
    ]

    /// A new order id in the form of Huawei's examples (`CS2305291628MSG5A`): `CS`, the UTC time as `yyMMddHHmm`,
    /// then five random upper-case letters and digits.
    static func newID(identifiers: IdentifierSource, at now: Int64) -> String {
        let digits = WireTime.cbr(now).filter(\.isNumber)
        let stamp = digits.dropFirst(2).prefix(10)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        let suffix = identifiers.bytes(5).map { alphabet[Int($0) % alphabet.count] }
        return "CS" + stamp + String(suffix)
    }

    /// Checks an order's charging mode and period: the mode absent or `pre_paid`, the period type `year` or
    /// `month` and the number 1...9, both required.
    /// - Parameter prefix: The fields' path in the body (`vault.billing.`, or empty).
    /// - Throws: `BackupService.9900` naming the field.
    static func checkPeriod(chargingMode: String?, periodType: String?, periodNum: Int?, prefix: String) throws {
        if let chargingMode, chargingMode != prePaid {
            throw EmulatorError.invalidParameter("\(prefix)charging_mode must be pre_paid for an order.")
        }
        guard let periodType, periodTypes.contains(periodType) else {
            throw EmulatorError.invalidParameter("\(prefix)period_type must be year or month.")
        }
        guard let periodNum, periodNums.contains(periodNum) else {
            throw EmulatorError.invalidParameter("\(prefix)period_num must be a whole number from 1 to 9.")
        }
    }
}

extension VaultCreateBody {
    /// Checks the order fields of `POST /vaults/order`, after ``validate()``: the charging mode absent or
    /// `pre_paid`, and the period (``VaultOrder/checkPeriod(chargingMode:periodType:periodNum:prefix:)``).
    func validateOrder() throws {
        let billing = vault.billing
        try VaultOrder.checkPeriod(
            chargingMode: billing.chargingMode, periodType: billing.periodType, periodNum: billing.periodNum,
            prefix: "vault.billing."
        )
    }
}

/// `POST /vaults/change-charge-mode` body (SDK `ChangeToPeriod`): turn pay-per-use vaults into yearly/monthly ones.
struct ChargeModeChangeBody: Decodable, Sendable {
    var chargingMode: String?
    var periodType: String?
    var periodNum: Int?
    var isAutoRenew: Bool?
    var isAutoPay: Bool?
    var vaultIds: [String]?

    /// The most vaults one change takes (**inferred**: the reference gives no bound).
    static let maxVaults = 256

    /// The validated `vault_ids`: 1 to ``maxVaults`` ids, none empty, none twice.
    /// - Throws: `BackupService.9900` for those and for a bad charging mode or period.
    func validated() throws -> [String] {
        try VaultOrder.checkPeriod(chargingMode: chargingMode, periodType: periodType, periodNum: periodNum, prefix: "")
        guard let vaultIds, (1...Self.maxVaults).contains(vaultIds.count) else {
            throw EmulatorError.invalidParameter("vault_ids must contain 1 to \(Self.maxVaults) ids.")
        }
        guard vaultIds.allSatisfy({ !$0.isEmpty }), Set(vaultIds).count == vaultIds.count else {
            throw EmulatorError.invalidParameter("vault_ids must not contain an empty id or an id twice.")
        }
        return vaultIds
    }
}

/// `POST /orders/change` (SDK `CbcOrderChange`, snake_case) and `PUT /orders/{order_id}` (SDK `CbcUpdate`, whose
/// keys are camelCase: `productInfo`, `resourceId`, …). The decoder turns snake_case keys into these property
/// names and leaves camelCase ones as they are, so one model reads both.
struct OrderChangeBody: Decodable, Sendable {
    struct ProductInfo: Decodable, Sendable {
        var productId: String?
        /// GB, read as any JSON number (see ``VaultCreateBody/Billing/size``).
        var resourceSize: Double?
        var resourceSizeMeasureId: Int?
        var resourceSpecCode: String?
    }

    var productInfo: ProductInfo?
    var resourceId: String?
    var isAutoPay: Bool?

    /// The validated change.
    /// - Throws: `BackupService.6101` for a size out of range (the vault size rule of create), `BackupService.9900`
    ///   for a missing field, a bad product id, a measure other than 17 (GB) or an unknown spec code.
    func change() throws -> OrderChange {
        guard let info = productInfo else { throw EmulatorError.invalidParameter("product_info is required.") }
        guard let resourceId, !resourceId.isEmpty else {
            throw EmulatorError.invalidParameter("resource_id is required.")
        }
        guard let productId = info.productId else {
            throw EmulatorError.invalidParameter("product_info.product_id is required.")
        }
        try WireText.name(productId, field: "product_info.product_id")
        guard let size = info.resourceSize else {
            throw EmulatorError.invalidParameter("product_info.resource_size is required.")
        }
        guard let sizeGB = VaultCreateBody.wholeNumber(size, in: VaultCreateBody.sizeRange) else {
            throw EmulatorError.invalidVaultSize(size)
        }
        if let measure = info.resourceSizeMeasureId, measure != 17 {
            throw EmulatorError.invalidParameter("product_info.resource_size_measure_id must be 17 (GB).")
        }
        guard let specCode = info.resourceSpecCode else {
            throw EmulatorError.invalidParameter("product_info.resource_spec_code is required.")
        }
        try VaultCreateBody.check("product_info.resource_spec_code", specCode, in: VaultOrder.specCodes)
        return OrderChange(vaultID: resourceId, sizeGB: sizeGB, specCode: specCode)
    }
}

/// What an order change asks for: the vault's new size, for a vault of this spec code.
struct OrderChange: Sendable, Equatable {
    var vaultID: String
    var sizeGB: Int
    var specCode: String
}

/// The answers of the order operations. Their keys are camelCase on the wire (SDK `CbcOrderResult`,
/// `ChangeOrderResponse`, …), which `WireJSON`'s snake_case encoder would rename, so they are written with
/// ``JSONWriter`` (keys in code point order, as the encoder sorts them).
enum VaultOrderAnswer {
    /// `create_post_paid_vault`: `{"errText", "error_code", "orders": [{cloudServiceId, orderId, resourceId,
    /// subscribeResult}], "retCode"}`, the order subscribed (`subscribeResult` 1) and the vault's id as the
    /// pre-generated resource id.
    static func created(orderID: String, vaultID: String) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.object { writer in
            writer.member("errText", "success")
            writer.member("error_code", "0")
            writer.key("orders")
            writer.array([vaultID]) { writer, vaultID in
                writer.object { writer in
                    writer.member("cloudServiceId", vaultID)
                    writer.member("orderId", orderID)
                    writer.member("resourceId", vaultID)
                    writer.member("subscribeResult", 1)
                }
            }
            writer.member("retCode", 0)
        }
        return writer.bytes
    }

    /// `change_vault_charge_mode` and `change_order`: `{"orderId", "retCode": 0, "retMsg": "success"}`;
    /// `update_order` (whose SDK model has `retCode` as a string): `"retCode": "0"`.
    static func changed(orderID: String, retCodeAsText: Bool = false) -> [UInt8] {
        var writer = JSONWriter(capacity: 96)
        writer.object { writer in
            writer.member("orderId", orderID)
            if retCodeAsText { writer.member("retCode", "0") } else { writer.member("retCode", 0) }
            writer.member("retMsg", "success")
        }
        return writer.bytes
    }
}
