import CSBSPlatform
import Testing

@Suite struct LocalPathTests {
    @Test(arguments: [
        ("/a/b", "/a"), ("/a", "/"), ("b", ""), ("/a/b/", "/a"), ("/", "/"), ("a/b", "a"), ("//a//b", "//a"),
        ("", ""), ("/a//b", "/a"),
    ])
    func parent(_ path: String, _ expected: String) {
        #expect(LocalPath.parent(of: path) == expected)
    }

    @Test func joined() {
        #expect(LocalPath.joined("/a", "b") == "/a/b")
        #expect(LocalPath.joined("/a/", "b") == "/a/b")
        #expect(LocalPath.joined("", "b") == "b")
        #expect(LocalPath.joined("/a", "") == "/a")
        #expect(LocalPath.joined("/", "b") == "/b")
        #expect(LocalPath.joined("a", "/b") == "a/b")
    }

    @Test func resolved() {
        #expect(LocalPath.resolved("/x/y", from: "/a") == "/x/y")
        #expect(LocalPath.resolved("y", from: "/a") == "/a/y")
        #expect(LocalPath.resolved("../y", from: "/a") == "/a/../y")
    }

    @Test func tilde() {
        #expect(LocalPath.expandingTilde("~", home: "/home/u") == "/home/u")
        #expect(LocalPath.expandingTilde("~/x", home: "/home/u") == "/home/u/x")
        #expect(LocalPath.expandingTilde("~other/x", home: "/home/u") == "~other/x")
        #expect(LocalPath.expandingTilde("~/x", home: nil) == "~/x")
        #expect(LocalPath.expandingTilde("/x", home: "/home/u") == "/x")
    }
}
