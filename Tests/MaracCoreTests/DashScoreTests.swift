import Testing
@testable import MaracCore

@Suite struct DashScoreTests {
    @Test func blankIsUnknownAndTheRangeIsZeroToTwentyFour() {
        #expect(DashScore.parse("  ") == .success(nil))
        #expect(DashScore.parse("0") == .success(0))
        #expect(DashScore.parse("24") == .success(24))
        #expect(DashScore.parse("25") == .failure(DashScore.Problem()))
        #expect(DashScore.parse("-1") == .failure(DashScore.Problem()))
        #expect(DashScore.parse("high") == .failure(DashScore.Problem()))
        #expect(DashScore.Problem().description == "DASH score must be a number from 0 to 24")
    }
}
