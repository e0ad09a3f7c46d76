@testable import CSBSClient
import Testing

@Suite("Which failed attempts may be sent again")
struct RetryClassificationTests {
    @Test(arguments: [
        (429, true, RetryClassification.retry), (429, false, .retry),
        (503, true, .retry), (503, false, .mayHaveBeenApplied), (500, false, .mayHaveBeenApplied),
        (400, true, .fail), (404, true, .fail), (409, false, .fail),
    ])
    func statuses(status: Int, idempotent: Bool, expected: RetryClassification) {
        #expect(RetryClassification.classify(status: status, error: nil, idempotent: idempotent) == expected)
    }

    @Test func aConnectionThatWasNeverMadeIsSafeToRetryForAnyCall() {
        let refused = ClientError(kind: .network, message: "refused", requestWasNotSent: true)
        #expect(RetryClassification.classify(status: nil, error: refused, idempotent: false) == .retry)
    }

    @Test func aLostAnswerMayHaveBeenAppliedUnlessTheCallIsIdempotent() {
        let reset = ClientError(kind: .network, message: "closed")
        let timeout = ClientError(kind: .timeout, message: "slow")
        #expect(RetryClassification.classify(status: nil, error: reset, idempotent: false) == .mayHaveBeenApplied)
        #expect(RetryClassification.classify(status: nil, error: timeout, idempotent: false) == .mayHaveBeenApplied)
        #expect(RetryClassification.classify(status: nil, error: reset, idempotent: true) == .retry)
    }

    @Test func decodingAndTLSFailuresAreFinal() {
        for kind in [ClientError.Kind.decoding, .tls, .responseTooLarge, .configuration] {
            let error = ClientError(kind: kind, message: "x")
            #expect(RetryClassification.classify(status: nil, error: error, idempotent: true) == .fail)
        }
    }
}
