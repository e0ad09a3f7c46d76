import CSBSClient
import CSBSEmulator
import CSBSEmulatorInterface
import CSBSTestSupport
import Testing

/// Found by the fault suite: the IAM token request was sent once, so one 500, 429 or dropped connection on it
/// ended the whole run. Re-sending it is always safe (a lost answer leaves only an unused token behind).
@Suite("The IAM token request under faults")
struct TokenRequestFaultTests {
    @Test(arguments: [
        FaultRule(operation: "keystone_create_user_token", count: 3, status: 500, errorCode: "BackupService.9910"),
        FaultRule(
            operation: "keystone_create_user_token", count: 3, status: 429, errorCode: "APIGW.0308", retryAfter: 2
        ),
        FaultRule(operation: "keystone_create_user_token", count: 3, drop: true, phase: .after),
    ])
    func theTokenRequestIsResentUnderTheRetryPolicy(_ fault: FaultRule) async throws {
        try await withEmulator { emulator in
            // Given the next three token requests fail (the default policy makes four attempts)
            _ = await emulator.control.addFault(fault)
            // When a call needs a token
            let vaults = try await emulator.client().listVaults()
            // Then the fourth attempt got it
            #expect(vaults.vaults.isEmpty)
            let tokens = await emulator.control.requests().filter { $0.operation == "keystone_create_user_token" }
            #expect(tokens.count == 4)
            #expect(tokens.last?.status == 201)
        }
    }

    @Test func aTokenRequestThatKeepsFailingEndsInItsError() async throws {
        try await withEmulator { emulator in
            _ = await emulator.control.addFault(FaultRule(operation: "keystone_create_user_token", status: 503))
            await #expect(throws: ClientError.self) { try await emulator.client().listVaults() }
            let tokens = await emulator.control.requests().filter { $0.operation == "keystone_create_user_token" }
            #expect(tokens.count == RetryPolicy.default.maxAttempts)
        }
    }

    @Test func aRefusedPasswordIsNotRetried() async throws {
        try await withEmulator { emulator in
            var account = EmulatorAccount.demo
            account.password = "wrong-password"
            await #expect(throws: ClientError.self) { try await emulator.client(account: account).listVaults() }
            let tokens = await emulator.control.requests().filter { $0.operation == "keystone_create_user_token" }
            #expect(tokens.count == 1)
        }
    }
}
