import MaracCore
import Testing

/// `PlainWrap`: the word wrapping of the training scorecard and comparison (docs/TRAINING.md).
@Suite struct PlainWrapTests {
    @Test func breaksAtSpacesWithTheContinuationIndent() {
        let lines = PlainWrap.lines("Police to check the baby and complete a child and family assessment by 17/03/2026",
                                    width: 30, first: "  → ", rest: "    ")
        #expect(lines == ["  → Police to check the baby", "    and complete a child and", "    family assessment by", "    17/03/2026"])
        #expect(lines.allSatisfy { $0.count <= 30 })
    }

    /// A word longer than the line (a path, a long reference) is cut where it must be, nothing lost.
    @Test func aWordLongerThanTheLineIsCutNotLost() {
        let lines = PlainWrap.lines("see /tmp/marac-train-0123456789abcdef/well-run-scorecard.txt now", width: 20, rest: "  ")
        #expect(lines.allSatisfy { $0.count <= 20 }, "\(lines)")
        #expect(lines.joined().filter { $0 != " " } == "see/tmp/marac-train-0123456789abcdef/well-run-scorecard.txtnow")
        #expect(PlainWrap.lines("", width: 10) == [""])
    }

    /// Cells side by side: each wraps inside its own column, and the columns stay aligned.
    @Test func columnsWrapEachCellInItsOwnColumn() {
        let rows = PlainWrap.columns(["Time", "heard, 16 min ■ over limit", "heard, 10 min ▲ move to actions"], widths: [6, 14, 14])
        #expect(rows == ["Time   heard, 16 min  heard, 10 min",
                         "       ■ over limit   ▲ move to",
                         "                      actions"])
    }
}
