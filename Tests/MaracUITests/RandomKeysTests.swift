import MaracCore
import Testing
@testable import MaracUI

/// Random key presses (seeded, so a failure repeats) must never crash a screen, and the meeting
/// must always be exactly the fold of what the journal accepted.
@Suite("Random keys")
struct RandomKeysTests {
    struct SeededRandom: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    static let alphabet: [Key] = "1234512345sanofbdexuwpJKLCRqmcly?jk abc+7".map { Key.char($0) } + [
        .enter, .enter, .enter, .tab, .backTab, .escape, .escape, .backspace, .delete, .up, .down, .left, .right,
        .home, .end, .pageUp, .pageDown, .function(12), .ctrl("s"), .ctrl("u"), .ctrl("l"), .char("é"), .char("漢"),
    ]

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomSessionsNeverCrash(seed: UInt64) {
        var rng = SeededRandom(state: seed)
        var rt = FakeRuntime(meeting: Fixture.meeting(seed % 2 == 0 ? Fixture.discussing : []), now: Fixture.minutes(17))
        for step in 0..<1500 {
            if step % 97 == 0 { rt.failNextAppend = "disk full" }
            if step % 50 == 0 { rt.clock += 60_000; rt.send(.tick(now: rt.clock)) }
            let key = Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))]
            // Never answer the quit confirmation with y: keep the session going.
            if key == .char("y") { continue }
            rt.press(key)
            if step % 25 == 0 {
                for size in [Size(cols: 80, rows: 24), Size(cols: 120, rows: 40), Size(cols: 79, rows: 30)] {
                    let lines = rt.screen.view(size: size).lines()
                    #expect(lines.count == size.rows)
                }
            }
        }
        #expect(MeetingState.fold(rt.screen.meeting.events) == rt.screen.meeting.state)
    }
}
