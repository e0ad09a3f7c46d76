@testable import CSBSClient
import Foundation
import Testing

@Suite("What the request loop does after an attempt")
struct AttemptDecisionTests {
    private func decide(
        _ status: Int, attempt: Int = 1, idempotent: Bool = true, deleting: Bool = false, mayRelogin: Bool = false,
        headers: [(String, String)] = []
    ) -> AttemptDecision {
        AttemptDecision.decide(
            .success(HTTPResponse(status: status, headers: headers)), operation: .showVault, attempt: attempt,
            idempotent: idempotent, deleting: deleting, mayRelogin: mayRelogin
        )
    }

    /// The decision's case, with the status or Retry-After it carries.
    private func summary(_ decision: AttemptDecision) -> String {
        switch decision {
        case .succeed(let response): "succeed \(response.status)"
        case .deletedEarlier: "deletedEarlier"
        case .relogin: "relogin"
        case .fail(let error): "fail \(error.status.map(String.init) ?? error.kind.rawValue) \(error.operation ?? "")"
        case .retry(_, let after): "retry \(after.map { "\($0)" } ?? "-")"
        case .mayHaveBeenApplied(_, let after): "mayHaveBeenApplied \(after.map { "\($0)" } ?? "-")"
        }
    }

    @Test func aSuccessIsDecoded() {
        #expect(summary(decide(204)) == "succeed 204")
    }

    @Test func a404OnAReSentDeletionMeansAnEarlierAttemptDeletedIt() {
        #expect(summary(decide(404, attempt: 2, deleting: true)) == "deletedEarlier")
        #expect(summary(decide(404, attempt: 2)) == "fail 404 show vault")
        #expect(summary(decide(404, attempt: 1, deleting: true)) == "fail 404 show vault")
    }

    @Test func a401LogsInAgainOnlyWhenAllowed() {
        #expect(summary(decide(401, mayRelogin: true)) == "relogin")
        #expect(summary(decide(401)) == "fail 401 show vault")
    }

    @Test func a5xxToACallThatChangesStateMayHaveBeenAppliedAndKeepsRetryAfter() {
        #expect(
            summary(decide(503, idempotent: false, headers: [("Retry-After", "7")])) == "mayHaveBeenApplied 7.0 seconds"
        )
        #expect(summary(decide(503)) == "retry -")
        #expect(summary(decide(429, idempotent: false)) == "retry -")
    }

    @Test func aTransportFailureIsClassifiedLikeBefore() {
        let reset = ClientError(kind: .network, message: "closed")
        let decision = AttemptDecision.decide(
            .failure(reset), operation: .createVault, attempt: 1, idempotent: false, deleting: false, mayRelogin: false
        )
        #expect(summary(decision) == "mayHaveBeenApplied -")
    }
}

@Suite("The operation descriptors")
struct APIOperationTests {
    @Test func pathsFillPlaceholdersInOrderAndEncodeEachAsOneSegment() {
        #expect(APIOperation.deleteVaultTag.pathParameterNames == ["vault_id", "key"])
        #expect(APIOperation.deleteVaultTag.path(["v1", "a b/c"]) == "/vault/v1/tags/a%20b%2Fc")
        #expect(APIOperation.listVaults.path([]) == "/vaults")
    }

    @Test func everyOperationHasAPathAMethodAndAName() {
        for operation in APIOperation.allCases {
            #expect(operation.pathTemplate.hasPrefix("/"), "\(operation)")
            #expect(["GET", "POST", "PUT", "DELETE"].contains(operation.method), "\(operation)")
            #expect(!operation.name.isEmpty)
        }
        #expect(Set(APIOperation.allCases.map(\.name)).count == APIOperation.allCases.count)
    }

    @Test func readsAreIdempotentAndDeletionsAreDeletingOrReconciled() {
        for operation in APIOperation.allCases {
            if operation.method == "GET" { #expect(operation.retryKind == .idempotent, "\(operation)") }
            if operation.method == "DELETE" { #expect(operation.retryKind != .idempotent, "\(operation)") }
        }
    }
}
