import ArgumentParser
import CSBSPlatform
import CSBSScript
import CSBSSyntax
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `--report FORMAT FILE` of `csbs run` and `csbs check`: which format, and where to write it. Written
/// `junit:FILE` on the parser's side (``Main/arguments(_:)`` joins `--report junit FILE` into one value).
struct ReportRequest: Equatable, Sendable, ExpressibleByArgument {
    enum Format: String, CaseIterable, Sendable {
        case junit
        case tap
    }

    var format: Format
    var path: String

    init(format: Format, path: String) {
        self.format = format
        self.path = path
    }

    init?(argument: String) {
        guard let colon = argument.firstIndex(of: ":"), let format = Format(rawValue: String(argument[..<colon])) else {
            return nil
        }
        let path = String(argument[argument.index(after: colon)...])
        guard !path.isEmpty else { return nil }
        self.init(format: format, path: path)
    }

    static let help = ArgumentHelp(
        "Also write a test report to FILE: junit (XML) or tap (TAP 13).", valueName: "junit|tap FILE"
    )

    /// Writes `report` to ``path`` in ``format``; a message on failure.
    func write(_ report: TestReport) -> String? {
        let text = format == .junit ? report.junit() : report.tap()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return "cannot write the report \(path): \(String(cString: strerror(errno)))" }
        defer { close(descriptor) }
        guard FileDescriptors.writeAll(text.utf8, to: descriptor) else {
            return "cannot write the report \(path): \(String(cString: strerror(errno)))"
        }
        return nil
    }
}

/// A run or check as test cases, for CI: `csbs run` has one case per top-level statement of the script (passed,
/// failed with the failure's message, or skipped when the run ended before it), `csbs check` one per file
/// (failed with its errors).
struct TestReport: Equatable, Sendable {
    struct Case: Equatable, Sendable {
        enum Outcome: Equatable, Sendable {
            case passed
            /// The message (`id: text` of the first failure) and every failure rendered, one a line.
            case failed(message: String, details: [String])
            case skipped(String)
        }

        /// `line 3: vault prod size 100` or the file's name.
        var name: String
        var file: String
        var line: Int
        var outcome: Outcome
    }

    /// `csbs run` or `csbs check`.
    var suite: String
    var cases: [Case]

    var failures: Int { cases.filter { if case .failed = $0.outcome { true } else { false } }.count }
    var skipped: Int { cases.filter { if case .skipped = $0.outcome { true } else { false } }.count }

    // MARK: JUnit

    /// The JUnit XML most CI systems read (`testsuites` > `testsuite` > `testcase` with `failure` or `skipped`).
    func junit() -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<testsuites name=\(Self.attribute(suite)) tests=\"\(cases.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\">",
        ]
        let files = cases.map(\.file).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        for file in files {
            let inFile = TestReport(suite: suite, cases: cases.filter { $0.file == file })
            lines.append(
                "  <testsuite name=\(Self.attribute(file)) tests=\"\(inFile.cases.count)\" failures=\"\(inFile.failures)\" skipped=\"\(inFile.skipped)\">"
            )
            for test in inFile.cases {
                let head = "    <testcase classname=\(Self.attribute(file)) name=\(Self.attribute(test.name)) file=\(Self.attribute(file)) line=\"\(test.line)\""
                switch test.outcome {
                case .passed:
                    lines.append(head + "/>")
                case .failed(let message, let details):
                    lines.append(head + ">")
                    let body = details.map { $0.trimmed(.newlines) }.joined(separator: "\n\n")
                    lines.append("      <failure message=\(Self.attribute(message))>\(Self.escaped(body))</failure>")
                    lines.append("    </testcase>")
                case .skipped(let reason):
                    lines += [head + ">", "      <skipped message=\(Self.attribute(reason))/>", "    </testcase>"]
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text as XML character data: control characters escaped as ``TerminalText`` does, then `&`, `<`, `>`, `"`.
    static func escaped(_ text: String) -> String {
        TerminalText.escaped(text, layout: .multiline, limit: nil)
            .replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;")
            .replacingAll(">", with: "&gt;").replacingAll("\"", with: "&quot;")
    }

    static func attribute(_ text: String) -> String {
        "\"" + escaped(text).replacingAll("\n", with: "&#10;") + "\""
    }

    // MARK: TAP

    /// TAP version 13: `ok`/`not ok` per case, a YAML block with the failure, `# SKIP` for what did not run.
    func tap() -> String {
        var lines = ["TAP version 13", "1..\(cases.count)"]
        for (number, test) in cases.enumerated() {
            let title = Self.tapText("\(test.file):\(test.line): \(test.name)")
            switch test.outcome {
            case .passed:
                lines.append("ok \(number + 1) - \(title)")
            case .failed(let message, let details):
                lines.append("not ok \(number + 1) - \(title)")
                lines += ["  ---", "  message: \(Self.yamlString(message))", "  details: |"]
                let body = details.map { $0.trimmed(.newlines) }.joined(separator: "\n\n")
                lines += body.split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? "" : "    " + TerminalText.escaped(String($0)) }
                lines.append("  ...")
            case .skipped(let reason):
                lines.append("ok \(number + 1) - \(title) # SKIP \(Self.tapText(reason))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line of TAP: control characters escaped and `#` (which starts a directive) written `\#`.
    static func tapText(_ text: String) -> String {
        TerminalText.escaped(text).replacingAll("#", with: "\\#")
    }

    static func yamlString(_ text: String) -> String {
        "\"" + TerminalText.escaped(text).replacingAll("\\", with: "\\\\")
            .replacingAll("\"", with: "\\\"") + "\""
    }

    // MARK: Building

    /// For each statement, its line and a case name: `line N: ` and the statement's first line, cut to 60
    /// characters.
    static func names(of statements: [Stmt], in file: SourceFile) -> [(name: String, line: Int)] {
        let bytes = Array(file.text.utf8)
        let converter = SourceLocationConverter(file)
        return statements.map { statement in
            let text = String(decoding: bytes[statement.range.lowerBound..<statement.range.upperBound], as: UTF8.self)
            let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let shown = firstLine.count > 60 ? firstLine.prefix(59) + "…" : firstLine
            let line = converter.location(ofOffset: statement.range.lowerBound).line
            return ("line \(line): \(shown)", line)
        }
    }
}
