/// Local path arithmetic on plain strings, as the shell, the script loader and the language server need it: no
/// file system access, no current directory. (csbs imports FoundationEssentials only, where `NSString`'s
/// path methods do not exist; see docs/ARCHITECTURE.md, "Start-up".)
public enum LocalPath {
    /// The path without its last component: `/a/b` → `/a`, `/a` → `/`, `b` → `` (empty), `/a/b/` → `/a`.
    public static func parent(of path: String) -> String {
        var text = Substring(path)
        while text.count > 1, text.hasSuffix("/") { text = text.dropLast() }
        guard let slash = text.lastIndex(of: "/") else { return "" }
        var parent = text[..<slash]
        while parent.hasSuffix("/") { parent = parent.dropLast() }
        return parent.isEmpty ? "/" : String(parent)
    }

    /// `name` inside `directory`: `joined("/a/", "b")` → `/a/b`; an empty directory gives `name` alone.
    public static func joined(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        if name.isEmpty { return directory }
        let trimmedName = name.drop { $0 == "/" }
        return directory.hasSuffix("/") ? directory + trimmedName : directory + "/" + trimmedName
    }

    /// `path` resolved against `directory` unless it is absolute.
    public static func resolved(_ path: String, from directory: String) -> String {
        path.hasPrefix("/") ? path : joined(directory, path)
    }

    /// `~` and `~/…` with `home` in place of the tilde; any other path (including `~user/…`) as it is.
    public static func expandingTilde(_ path: String, home: String?) -> String {
        guard let home, !home.isEmpty, path == "~" || path.hasPrefix("~/") else { return path }
        return joined(home, String(path.dropFirst(2)))
    }
}
