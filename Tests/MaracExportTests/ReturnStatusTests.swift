import MaracExport
import Testing

/// The status words an agency may write in a returned pack or chaser: one table, read in any
/// letter case, hyphens, underscores and runs of spaces as one space; nothing else.
@Suite struct ReturnStatusTests {
    @Test("every word in the table, in the forms agencies type, reads as its status")
    func everyWordReads() {
        for status in ReturnStatus.allCases {
            for word in status.words {
                for typed in [word, word.uppercased(), word.capitalized, "  \(word) ", word.replacingOccurrences(of: " ", with: "-"),
                              word.replacingOccurrences(of: " ", with: "_"), word.replacingOccurrences(of: " ", with: "   ")] {
                    #expect(ReturnStatus.parse(typed) == status, "'\(typed)'")
                }
            }
        }
        #expect(ReturnStatus.parse("Completed") == .done)
        #expect(ReturnStatus.parse("Ongoing") == .inProgress)
        #expect(ReturnStatus.parse("Not-Possible") == .notPossible)
    }

    @Test("words outside the table are not guessed at", arguments: ["finished", "closed", "not done", "donee", "possible", "", "in"])
    func otherWordsAreNot(_ typed: String) {
        #expect(ReturnStatus.parse(typed) == nil)
    }

    @Test("the list in every instruction names every word, the main word first")
    func theListNamesEveryWord() {
        #expect(ReturnStatus.wordList == "done, complete or completed; not possible; in progress, ongoing or open")
        for status in ReturnStatus.allCases {
            #expect(status.words.first == status.rawValue)
            for word in status.words { #expect(ReturnStatus.wordList.contains(word)) }
        }
    }
}
