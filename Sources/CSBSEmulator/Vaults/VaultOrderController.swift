import Hummingbird

/// Yearly/monthly vaults and their orders, simulated (`/v3/{project_id}/vaults/order`,
/// `…/vaults/change-charge-mode`, `…/orders/…`): there is no billing, so an order is an id the vault records
/// (`billing.order_id`), paid and applied as it is placed. See "Operations served" in docs/EMULATOR.md for what is
/// simulated and inferred.
struct VaultOrderController: APIController {
    static let service = APIService.cbr
    static let routes: [APIRoute<Self>] = [
        // Constant segments; `vaults/:vault_id` has no POST route anyway.
        .post("vaults/order", operation: "create_post_paid_vault", use: Self.createOrdered),
        .post("vaults/change-charge-mode", operation: "change_vault_charge_mode", use: Self.changeChargeMode),
        .post("orders/change", operation: "change_order", use: Self.changeOrder),
        .put("orders/:order_id", operation: "update_order", use: Self.updateOrder),
    ]

    let store: EmulatorStore
    let progress: BackupProgress

    /// `POST /vaults/order` (`create_post_paid_vault`): creates a vault as `create_vault` does, billed yearly/monthly
    /// under a new order (despite the SDK's name, the order's charging mode is `pre_paid`).
    @Sendable func createOrdered(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let body = try await WireJSON.decode(VaultCreateBody.self, from: request)
        try body.validate()
        try body.validateOrder()
        let now = progress.now()
        let orderID = VaultOrder.newID(identifiers: context.identifiers, at: now)
        var vault = try VaultRecord(body, id: context.identifiers.uuid(), grant: grant, createdAt: now)
        vault.chargingMode = VaultOrder.prePaid
        vault.orderId = orderID
        _ = try await store.createVault(
            vault,
            resources: body.vault.resources.map(\.association),
            tags: try body.tagChanges(),
            policyID: body.vault.backupPolicyId
        )
        return WireJSON.response(json: VaultOrderAnswer.created(orderID: orderID, vaultID: vault.id))
    }

    /// `POST /vaults/change-charge-mode` (`change_vault_charge_mode`): pay-per-use vaults become yearly/monthly under
    /// one new order.
    @Sendable func changeChargeMode(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let grant = try context.requireGrant()
        let body = try await WireJSON.decode(ChargeModeChangeBody.self, from: request)
        let vaultIDs = try body.validated()
        let now = progress.now()
        let orderID = VaultOrder.newID(identifiers: context.identifiers, at: now)
        try await store.changeChargeMode(
            vaultIDs: vaultIDs, projectID: grant.project.id, orderID: orderID, at: now,
            environment: environment(context)
        )
        return WireJSON.response(json: VaultOrderAnswer.changed(orderID: orderID))
    }

    /// `POST /orders/change` (`change_order`): resizes a yearly/monthly vault under a new order.
    @Sendable func changeOrder(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        try await applyChange(request, context: context, existingOrderID: nil)
    }

    /// `PUT /orders/{order_id}` (`update_order`): the same change, naming the vault's current order.
    @Sendable func updateOrder(_ request: Request, context: EmulatorRequestContext) async throws -> Response {
        let orderID = try context.parameters.require("order_id")
        return try await applyChange(request, context: context, existingOrderID: orderID)
    }

    private func applyChange(
        _ request: Request,
        context: EmulatorRequestContext,
        existingOrderID: String?
    ) async throws -> Response {
        let grant = try context.requireGrant()
        let change = try await WireJSON.decode(OrderChangeBody.self, from: request).change()
        let now = progress.now()
        let orderID = VaultOrder.newID(identifiers: context.identifiers, at: now)
        try await store.changeOrder(
            change, existingOrderID: existingOrderID, projectID: grant.project.id, orderID: orderID, at: now,
            environment: environment(context)
        )
        let answer = VaultOrderAnswer.changed(orderID: orderID, retCodeAsText: existingOrderID != nil)
        return WireJSON.response(json: answer)
    }
}
