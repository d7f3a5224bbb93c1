import Foundation
import MaracExport
import ZIPFoundation

/// Zips the parts of a Word or Excel document (built, pure, by `WordDocument` and `Workbook` in
/// MaracExport) into the bytes of a `.docx` or `.xlsx`, and reads parts out of a council's template.
/// The ZIP and file work lives here, in the application layer, so the export module stays pure
/// (docs/DECISIONS.md, "Word and Excel documents").
public enum OfficePackage {
    /// Every entry gets this fixed time, so exporting the same journal twice gives the same bytes.
    static let fixedDate = Date(timeIntervalSince1970: 1_577_836_800)   // 01/01/2020 00:00 UTC

    public static func zip(_ parts: [PackagePart]) throws(CommandFailure) -> [UInt8] {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for part in parts {
                let data = Data(part.contents.utf8)
                try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: fixedDate, permissions: 0o600, compressionMethod: .deflate) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let bytes = archive.data else { throw CommandFailure("could not build the document's ZIP container") }
            return [UInt8](bytes)
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("could not build the document's ZIP container: \(error)")
        }
    }

    /// The text of one part of a ZIP package (`word/styles.xml` of a template), or nil when the
    /// package has no such part. Fails, naming the file, when it is not a ZIP or not readable.
    public static func readPart(_ partPath: String, fromPackage file: String, limit: Int = 8 << 20) throws(CommandFailure) -> String? {
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: file), accessMode: .read) } catch {
            throw CommandFailure("\(file): not a Word document (.docx) marac can read: it is not a ZIP package")
        }
        guard let entry = archive[partPath] else { return nil }
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw CommandFailure("\(file): \(partPath) is larger than \(limit >> 20) MB; not a template marac will read")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                data.append(chunk)
                if data.count > limit { throw CommandFailure("\(file): \(partPath) is larger than \(limit >> 20) MB") }
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("\(file): \(partPath) cannot be read: \(error)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("\(file): \(partPath) is not UTF-8 XML")
        }
        return text
    }
}
