import MaracCore

/// At-rest encryption (issue 7). Not implemented yet: the header field and the `enc` line field are
/// reserved, and a journal that uses them is refused with a clear message rather than misread.
enum JournalCrypto {
    typealias Decryptor = (String, Int) throws(JournalError) -> MeetingEvent

    static func decryptor(for data: [UInt8], path: String, passphrase: String?) throws(JournalError) -> Decryptor? {
        nil
    }
}
