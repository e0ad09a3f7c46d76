@testable import CSBSClient
import Foundation
import Testing

@Suite("Error bodies of every shape become one clear error")
struct ServiceErrorParserTests {
    private func parse(_ status: Int, _ body: String, headers: [(String, String)] = []) -> ClientError {
        ServiceErrorParser.error(from: HTTPResponse(status: status, headers: headers, body: Data(body.utf8)), operation: "op")
    }

    @Test func cbrShapeWithRequestIDHeader() {
        let error = parse(404, #"{"error_code":"BackupService.6105","error_msg":"The vault does not exist."}"#, headers: [("x-request-id", "abc")])
        #expect(error == ClientError(kind: .service, operation: "op", status: 404, code: "BackupService.6105", message: "The vault does not exist.", requestID: "abc"))
    }

    @Test func gatewayShapeCarriesRequestIDInBody() {
        let error = parse(401, #"{"error_code":"APIGW.0301","error_msg":"Incorrect IAM authentication information","request_id":"r1"}"#)
        #expect(error.kind == .authentication)
        #expect(error.code == "APIGW.0301")
        #expect(error.requestID == "r1")
    }

    @Test func keystoneNestedShape() {
        let error = parse(401, #"{"error":{"code":401,"message":"The username or password is wrong.","title":"Unauthorized"}}"#)
        #expect(error.code == "401")
        #expect(error.message == "The username or password is wrong.")
    }

    @Test func htmlFromAProxyBecomesAShortExcerpt() {
        let html = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>" + String(repeating: "x", count: 5000) + "</body></html>"
        let error = parse(502, html)
        #expect(error.code == nil)
        #expect(error.message.hasPrefix("unexpected response: <html> <head><title>502 Bad Gateway"))
        #expect(error.message.count < 200)
    }

    @Test func emptyBody() {
        #expect(parse(503, "").message == "HTTP 503 with an empty body")
    }

    @Test func descriptionNamesOperationCodeStatusAndRequest() {
        let error = parse(400, #"{"error_code":"BackupService.6101","error_msg":"Invalid vault size."}"#, headers: [("X-Request-Id", "r9")])
        #expect(error.description == "op: BackupService.6101: Invalid vault size. (HTTP 400, request r9)")
    }
}
