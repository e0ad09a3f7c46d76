@testable import CSBSClient
import Foundation
import Testing

@Suite("Responses that are not what the API documents")
struct ResponseDecoderTests {
    private func decode(_ body: String) throws -> Vault {
        try ResponseDecoder.decode(VaultEnvelope.self, from: HTTPResponse(status: 200, body: Data(body.utf8)), operation: "show vault").vault
    }

    @Test func truncatedJSONIsADecodingError() {
        let error = #expect(throws: ClientError.self) { try decode(#"{"vault": {"id": "a", "na"#) }
        #expect(error?.kind == .decoding)
        #expect(error?.message.contains("not valid JSON") == true)
    }

    @Test func missingFieldIsNamed() {
        let error = #expect(throws: ClientError.self) { try decode(#"{"vault": {"name": "x"}}"#) }
        #expect(error?.message == "the response is not what the API documents: missing field 'id' in 'vault'")
    }

    @Test func seedShapedVaultWithNullsAndStringNumbersDecodes() throws {
        let vault = try decode(
            #"{"vault": {"id": "ea7b", "name": "my_vault", "description": null, "enterprise_project_id": 0, "billing": {"size": "200", "used": 0, "allocated": null, "status": "available"}, "resources": [{"id": "e8cc", "size": "40", "backup_count": 0}], "tags": [{"key": "k", "value": null}]}}"#
        )
        #expect(vault.billing?.size == 200)
        #expect(vault.resources?.first?.size == 40)
        #expect(vault.tags?.first?.value == nil)
    }
}
