import CSBSShell
import Foundation
import Testing

@Suite struct CatalogLifetimeTests {
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func aListingIsUsedForItsLifetime() {
        var lifetime = CatalogLifetime(lifetime: 30)
        #expect(!lifetime.isFresh(at: start))
        lifetime.listed(at: start)
        #expect(lifetime.isFresh(at: start.addingTimeInterval(29)))
        #expect(!lifetime.isFresh(at: start.addingTimeInterval(30)))
    }

    @Test func anInputThatMayChangeTheNamesEndsIt() {
        var lifetime = CatalogLifetime(lifetime: 30)
        lifetime.listed(at: start)
        lifetime.noteInput("echo 1; let x = 2")
        #expect(lifetime.isFresh(at: start.addingTimeInterval(1)))
        lifetime.noteInput("for s in $x { let b=backup server $s }")
        #expect(!lifetime.isFresh(at: start.addingTimeInterval(1)))
        lifetime.listed(at: start.addingTimeInterval(2))
        #expect(lifetime.isFresh(at: start.addingTimeInterval(3)))
        lifetime.noteInput("REGION cn-south-1")
        #expect(!lifetime.isFresh(at: start.addingTimeInterval(3)))
    }
}
