@testable import CSBSClient
import Testing

@Suite("The typed endpoints")
struct EndpointTests {
    private func declared<Body, Response>(by endpoint: Endpoint<Body, Response>) -> APIOperation {
        endpoint.operation
    }

    /// The endpoint of an operation sent through `send`, by the same name; `nil` for IAM's, which the
    /// authenticator and the project resolver send. The switch names every operation, so a new one does not
    /// compile here until it has its endpoint (or is said to have none).
    private func endpointOperation(_ operation: APIOperation) -> APIOperation? {
        switch operation {
        case .listVaults: declared(by: .listVaults)
        case .createVault: declared(by: .createVault)
        case .showVault: declared(by: .showVault)
        case .updateVault: declared(by: .updateVault)
        case .deleteVault: declared(by: .deleteVault)
        case .showVaultSummary: declared(by: .showVaultSummary)
        case .addResources: declared(by: .addResources)
        case .removeResources: declared(by: .removeResources)
        case .associatePolicy: declared(by: .associatePolicy)
        case .dissociatePolicy: declared(by: .dissociatePolicy)
        case .createVaultTag: declared(by: .createVaultTag)
        case .showVaultTags: declared(by: .showVaultTags)
        case .deleteVaultTag: declared(by: .deleteVaultTag)
        case .batchVaultTags: declared(by: .batchVaultTags)
        case .showProjectVaultTags: declared(by: .showProjectVaultTags)
        case .createCheckpoint: declared(by: .createCheckpoint)
        case .showCheckpoint: declared(by: .showCheckpoint)
        case .listBackups: declared(by: .listBackups)
        case .showBackup: declared(by: .showBackup)
        case .updateBackup: declared(by: .updateBackup)
        case .deleteBackup: declared(by: .deleteBackup)
        case .restoreBackup: declared(by: .restoreBackup)
        case .listPolicies: declared(by: .listPolicies)
        case .createPolicy: declared(by: .createPolicy)
        case .showPolicy: declared(by: .showPolicy)
        case .updatePolicy: declared(by: .updatePolicy)
        case .deletePolicy: declared(by: .deletePolicy)
        case .listProtectables: declared(by: .listProtectables)
        case .showProtectable: declared(by: .showProtectable)
        case .listOperationLogs: declared(by: .listOperationLogs)
        case .showOperationLog: declared(by: .showOperationLog)
        case .protectServer: declared(by: .protectServer)
        case .checkRestorable: declared(by: .checkRestorable)
        case .listCheckpointItems: declared(by: .listCheckpointItems)
        case .countCheckpointItems: declared(by: .countCheckpointItems)
        case .showCheckpointItem: declared(by: .showCheckpointItem)
        case .restoreCheckpointItem: declared(by: .restoreCheckpointItem)
        case .deleteCSBSBackup: declared(by: .deleteCSBSBackup)
        case .createToken, .listProjects: nil
        }
    }

    @Test func everyOperationSentThroughSendHasTheEndpointOfTheSameName() {
        for operation in APIOperation.allCases where operation.service != .iam {
            #expect(endpointOperation(operation) == operation, "\(operation)")
        }
    }
}
