import CSBSEmulator
import Foundation
import HTTPTypes
import Testing

@Suite("Yearly/monthly vaults and orders, simulated: an order is an id, paid and applied at once")
struct VaultOrderTests {
    static let base = "/v3/\(Seeded.project)"

    static func orderBody(name: String = "ordered", billing extra: String = #""period_type": "month", "period_num": 1"#)
        -> String
    {
        """
        {"vault": {"billing": {"consistent_level": "crash_consistent", "object_type": "server", \
        "protect_type": "backup", "size": 100, "charging_mode": "pre_paid", \(extra)}, "name": "\(name)", \
        "resources": []}}
        """
    }

    static func isOrderID(_ value: Any?) -> Bool {
        guard let id = value as? String else { return false }
        return id.wholeMatch(of: /CS[0-9]{10}[A-Z0-9]{5}/) != nil
    }

    func billing(_ emulator: EmulatorTestClient, vault: String, token: String) async throws -> [String: Any] {
        try await emulator.send(.get, "\(Self.base)/vaults/\(vault)", token: token).dictionary("vault", "billing")
    }

    @Test("vaults/order creates a pre_paid vault and answers the order, the vault as its resource")
    func createOrdered() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(
                .post, "\(Self.base)/vaults/order", token: token, json: Self.orderBody()
            )
            #expect(created.status == .ok)
            #expect(created["retCode"] as? Int == 0)
            #expect(created["error_code"] as? String == "0")
            let orders = try #require(created["orders"] as? [[String: Any]])
            #expect(orders.count == 1)
            let order = try #require(orders.first)
            #expect(Self.isOrderID(order["orderId"]))
            #expect(order["subscribeResult"] as? Int == 1)
            let vault = try #require(order["resourceId"] as? String)
            let billing = try await billing(emulator, vault: vault, token: token)
            #expect(billing["charging_mode"] as? String == "pre_paid")
            #expect(billing["order_id"] as? String == order["orderId"] as? String)
            #expect(billing["size"] as? Int == 100)
        }
    }

    @Test(
        "vaults/order checks the vault as create_vault does, and the order's mode and period",
        arguments: [
            (Self.orderBody(billing: #""period_type": "week", "period_num": 1"#), "BackupService.9900"),
            (Self.orderBody(billing: #""period_type": "year", "period_num": 10"#), "BackupService.9900"),
            (Self.orderBody(billing: #""period_type": "year""#), "BackupService.9900"),
            (Self.orderBody(name: "a b"), "BackupService.9900"),
            (Self.orderBody().replacingOccurrences(of: "pre_paid", with: "post_paid"), "BackupService.9900"),
            (Self.orderBody().replacingOccurrences(of: "100", with: "5"), "BackupService.6101"),
        ]
    )
    func createOrderedRefuses(body: String, code: String) async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let refused = try await emulator.send(.post, "\(Self.base)/vaults/order", token: token, json: body)
            #expect(refused.status == .badRequest)
            #expect(refused.errorCode == code)
            let listed = try await emulator.send(.get, "\(Self.base)/vaults", token: token)
            #expect(listed["count"] as? Int == 0)
        }
    }

    @Test("change-charge-mode makes pay-per-use vaults yearly/monthly under one order, all or nothing")
    func changeChargeMode() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let first = try await emulator.createVault(name: "first", token: token)
            let second = try await emulator.createVault(name: "second", token: token)
            let path = "\(Self.base)/vaults/change-charge-mode"
            let period = #""charging_mode": "pre_paid", "period_type": "year", "period_num": 2"#
            let unknown = try await emulator.send(
                .post, path, token: token, json: #"{\#(period), "vault_ids": ["\#(first)", "nope"]}"#
            )
            #expect(unknown.errorCode == "BackupService.6105")
            #expect(try await billing(emulator, vault: first, token: token)["charging_mode"] as? String == "post_paid")
            let changed = try await emulator.send(
                .post, path, token: token, json: #"{\#(period), "vault_ids": ["\#(first)", "\#(second)"]}"#
            )
            #expect(changed.status == .ok)
            #expect(Self.isOrderID(changed["orderId"]))
            #expect(changed["retCode"] as? Int == 0)
            #expect(changed["retMsg"] as? String == "success")
            for vault in [first, second] {
                let billing = try await billing(emulator, vault: vault, token: token)
                #expect(billing["charging_mode"] as? String == "pre_paid")
                #expect(billing["order_id"] as? String == changed["orderId"] as? String)
            }
            let again = try await emulator.send(
                .post, path, token: token, json: #"{\#(period), "vault_ids": ["\#(first)"]}"#
            )
            #expect(again.errorCode == "BackupService.9900")
            for body in [#"{\#(period), "vault_ids": []}"#, #"{"period_type": "year", "vault_ids": ["\#(first)"]}"#] {
                let bad = try await emulator.send(.post, path, token: token, json: body)
                #expect(bad.errorCode == "BackupService.9900", "\(body)")
            }
        }
    }

    @Test("orders/change resizes a yearly/monthly vault at once under a new order")
    func changeOrder() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(
                .post, "\(Self.base)/vaults/order", token: token, json: Self.orderBody()
            )
            let order = try #require((created["orders"] as? [[String: Any]])?.first)
            let vault = try #require(order["resourceId"] as? String)
            func change(_ id: String, size: Int, spec: String = "vault.backup.server.normal") -> String {
                """
                {"product_info": {"product_id": "OFFI740586375358963717", "resource_size": \(size), \
                "resource_size_measure_id": 17, "resource_spec_code": "\(spec)"}, "resource_id": "\(id)", \
                "is_auto_pay": true}
                """
            }
            let path = "\(Self.base)/orders/change"
            let changed = try await emulator.send(.post, path, token: token, json: change(vault, size: 300))
            #expect(changed.status == .ok)
            #expect(Self.isOrderID(changed["orderId"]))
            #expect(changed["orderId"] as? String != order["orderId"] as? String)
            let billing = try await billing(emulator, vault: vault, token: token)
            #expect(billing["size"] as? Int == 300)
            #expect(billing["order_id"] as? String == changed["orderId"] as? String)
            let payPerUse = try await emulator.createVault(name: "ppu", token: token)
            let refusals = [
                (change(payPerUse, size: 300), "BackupService.9900"),
                (change(vault, size: 300, spec: "vault.backup.volume.normal"), "BackupService.9900"),
                (change(vault, size: 300, spec: "vault.bogus"), "BackupService.9900"),
                (change(vault, size: 5), "BackupService.6101"),
                (change("nope", size: 300), "BackupService.6105"),
                (#"{"resource_id": "\#(vault)"}"#, "BackupService.9900"),
            ]
            for (body, code) in refusals {
                let refused = try await emulator.send(.post, path, token: token, json: body)
                #expect(refused.errorCode == code, "\(body)")
            }
            #expect(try await self.billing(emulator, vault: vault, token: token)["size"] as? Int == 300)
        }
    }

    @Test("orders/{order_id} takes the SDK's camelCase body and the vault's current order only")
    func updateOrder() async throws {
        try await EmulatorTestClient.run { emulator in
            let token = try await emulator.token()
            let created = try await emulator.send(
                .post, "\(Self.base)/vaults/order", token: token, json: Self.orderBody()
            )
            let order = try #require((created["orders"] as? [[String: Any]])?.first)
            let vault = try #require(order["resourceId"] as? String)
            let orderID = try #require(order["orderId"] as? String)
            let body = """
                {"productInfo": {"productId": "OFFI740586375358963717", "resourceSize": 150, \
                "resourceSizeMeasureId": 17, "resourceSpecCode": "vault.backup.server.normal"}, \
                "resourceId": "\(vault)"}
                """
            let updated = try await emulator.send(.put, "\(Self.base)/orders/\(orderID)", token: token, json: body)
            #expect(updated.status == .ok)
            #expect(updated["retCode"] as? String == "0")
            #expect(Self.isOrderID(updated["orderId"]))
            #expect(try await billing(emulator, vault: vault, token: token)["size"] as? Int == 150)
            let stale = try await emulator.send(.put, "\(Self.base)/orders/\(orderID)", token: token, json: body)
            #expect(stale.errorCode == "BackupService.9900")
        }
    }
}
