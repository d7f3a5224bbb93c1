import Foundation
import MaracApp
import Testing
@testable import MaracExport

/// The Word and Excel exports of a shipped sample, read by independent readers: python-docx and
/// openpyxl (scripts/check-office-documents.py checks headings, tables, borders, repeating header
/// rows, the header marking, PAGE/NUMPAGES fields, A4 portrait, typed date cells, frozen filtered
/// header, no formulas) and LibreOffice, which must convert both to PDF. `.ci/run` installs them;
/// outside CI the test is skipped, saying why, when a reader is missing. In CI it always runs.
@Suite("Real readers: python-docx, openpyxl, LibreOffice")
struct RealReadersTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Runs a program to its end; nil when it cannot start.
    static func run(_ arguments: [String], in dir: String? = nil) -> (status: Int32, output: String)? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        if let dir { p.currentDirectoryURL = URL(fileURLWithPath: dir) }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static let pythonReaders = run(["python3", "-c", "import docx, openpyxl"])?.status == 0
    static let libreOffice = run(["soffice", "--version"])?.status == 0

    static func exports() throws -> (docx: String, xlsx: String, dir: TempFolder) {
        let dir = TempFolder()
        let sample = root.appendingPathComponent("samples/well-run.jsonl").path
        let docx = try ExportMinutes.run(.init(journalPath: sample, format: .docx, outDir: dir.path, environment: [:]))
        let xlsx = try ExportMinutes.run(.init(journalPath: sample, format: .xlsx, outDir: dir.path, environment: [:]))
        return (try #require(docx.written.first), try #require(xlsx.written.first), dir)
    }

    @Test("python-docx and openpyxl read the sample's docx and xlsx and find what a coordinator relies on",
          .enabled(if: pythonReaders || inCI, "python-docx or openpyxl is not installed (pip install python-docx openpyxl); .ci/run installs them"))
    func pythonReadersAgree() throws {
        let (docx, xlsx, dir) = try Self.exports()
        let script = Self.root.appendingPathComponent("scripts/check-office-documents.py").path
        let result = try #require(withExtendedLifetime(dir) { Self.run(["python3", script, docx, xlsx]) }, "python3 did not start")
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasSuffix("ok\n"), "\(result.output)")
    }

    @Test("LibreOffice converts the sample's docx and xlsx to PDF without error",
          .enabled(if: libreOffice || inCI, "LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui and libreoffice-calc-nogui"))
    func libreOfficeConverts() throws {
        let (docx, xlsx, dir) = try Self.exports()
        // A profile of its own, so a LibreOffice already open elsewhere cannot take the conversion.
        let profile = "-env:UserInstallation=file://" + dir.file("lo-profile")
        for file in [docx, xlsx] {
            let result = try #require(Self.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", dir.path, file]),
                                      "soffice did not start")
            #expect(result.status == 0, "\(result.output)")
            let pdf = URL(fileURLWithPath: file).deletingPathExtension().appendingPathExtension("pdf").path
            let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
            #expect(bytes.starts(with: Array("%PDF".utf8)), "\(pdf) is not a PDF")
            #expect(bytes.count > 2_000)
        }
    }
}
