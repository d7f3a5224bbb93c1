/// A small writer of well-formed XML for the Office Open XML parts (Word and Excel). Every piece
/// of text and every attribute value goes through `Escape.xml`; only element names are raw, and
/// they are the writer's callers' constants.
public struct XMLWriter: Sendable {
    public private(set) var text = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    private var open: [String] = []

    public init() {}

    /// `<name a="1">` (closed later by `close()`).
    public mutating func start(_ name: String, _ attributes: [(String, String)] = []) {
        text += "<" + name + Self.attributes(attributes) + ">"
        open.append(name)
    }

    /// `<name a="1"/>`
    public mutating func empty(_ name: String, _ attributes: [(String, String)] = []) {
        text += "<" + name + Self.attributes(attributes) + "/>"
    }

    /// `<name a="1">text</name>`
    public mutating func element(_ name: String, _ attributes: [(String, String)] = [], text content: String) {
        text += "<" + name + Self.attributes(attributes) + ">" + Escape.xml(content) + "</" + name + ">"
    }

    public mutating func characters(_ content: String) { text += Escape.xml(content) }

    public mutating func close() {
        guard let name = open.popLast() else { preconditionFailure("XMLWriter.close() with nothing open") }
        text += "</" + name + ">"
    }

    /// Runs `body` inside `<name …>…</name>`.
    public mutating func within(_ name: String, _ attributes: [(String, String)] = [], _ body: (inout XMLWriter) -> Void) {
        start(name, attributes)
        body(&self)
        close()
    }

    /// The finished document; every element opened has been closed.
    public var document: String {
        precondition(open.isEmpty, "XMLWriter: unclosed elements \(open)")
        return text
    }

    private static func attributes(_ list: [(String, String)]) -> String {
        list.map { " " + $0.0 + "=\"" + Escape.xml($0.1) + "\"" }.joined()
    }
}

/// `docProps/core.xml`, the same for a Word document and a workbook: the title and, as keywords,
/// the protective marking (a file manager's "Properties" shows both without opening the file).
public enum CoreProperties {
    public static func xml(title: String, marking: String) -> String {
        var x = XMLWriter()
        x.within("cp:coreProperties", [
            ("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
        ]) { x in
            x.element("dc:title", text: title)
            x.element("cp:keywords", text: marking)
        }
        return x.document
    }
}

/// One file inside an Office Open XML package (a ZIP): its path in the package and its bytes. The
/// export module builds the parts; the application layer zips them (it owns file and ZIP I/O).
public struct PackagePart: Sendable, Equatable {
    public var path: String
    public var contents: String

    public init(path: String, contents: String) { self.path = path; self.contents = contents }
}
