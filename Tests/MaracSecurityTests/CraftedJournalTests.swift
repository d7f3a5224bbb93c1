import MaracTestSupport
import Crypto
import Foundation
import MaracJournal
import Testing

/// Journals built by hand, as an attacker would: the header's fields are chosen freely and its
/// checksum recomputed, so only the reader's own limits stand in the way.
@Suite("Crafted journals")
struct CraftedJournalTests {
    /// A header line with the given encryption parameters and a correct checksum.
    static func header(rounds: Int, blockSize: Int) -> String {
        var body = #"{"seq":0,"createdAt":1795681666221,"encryption":{"blockSize":\#(blockSize),"cipher":"AES-256-GCM","kdf":"scrypt","#
            + #""keyCheck":"90DqT63mQKmPutvy4MufdwY9AO9HgPJntN8TcaO8HCSRNEtMfRQCOAJ98EuqagcMYwiV","parallelism":1,"rounds":\#(rounds),"#
            + #""salt":"i06Ama4Pj7jIJlF+PRGF2g=="},"format":"marac-journal","id":"2026-12-01-craft","kind":"meeting","version":1,"#
            + #""prev":"\#(String(repeating: "0", count: 64))""#
        let hash = SHA256.hash(data: Data(body.utf8)).map { String(format: "%02x", $0) }.joined()
        body += #","h":"\#(hash)"}"# + "\n"
        return body
    }

    @Test("a header asking scrypt for 32 GiB is refused at once, not obeyed")
    func scryptCostIsBounded() throws {
        let dir = try TempFolder()
        let path = dir.file("crafted.jsonl")
        try write(Self.header(rounds: 1 << 22, blockSize: 64), to: path)
        // The checksum is right: without a passphrase it reads as an encrypted journal.
        #expect(throws: JournalError.passphraseRequired(path: path)) { try JournalReader.read(path: path) }
        #expect(throws: JournalError.self) { try JournalReader.read(path: path, passphrase: "anything") }
        do { _ = try JournalReader.read(path: path, passphrase: "anything") } catch {
            #expect("\(error)".contains("encrypted in a way this marac does not know"), "\(error)")
        }
    }

    @Test("the same header with our own cost opens as far as the key check (a wrong passphrase, not damage)")
    func ordinaryCostIsAccepted() throws {
        let dir = try TempFolder()
        let path = dir.file("crafted.jsonl")
        try write(Self.header(rounds: 1 << 15, blockSize: 8), to: path)
        #expect(throws: JournalError.wrongPassphrase(path: path)) { try JournalReader.read(path: path, passphrase: "anything") }
    }
}
