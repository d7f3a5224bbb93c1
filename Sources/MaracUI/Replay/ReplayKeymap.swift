import MaracCore

extension ReplayController {
    /// The keys of a replay, checked before the screen's own (whose edit keys a replay refuses).
    /// At 80 columns the hint bar shows the first four by rank; `?` lists them all.
    static let keymap: [ReplayBinding] = [
        .command([.escape, .enter], "Esc or Enter", "close the trainer's note on screen", hint: ("Esc", "close note"), rank: 0,
                 isAvailable: { $0.shownNote != nil }) { $0.dismissNote() },
        .command([.char(" ")], "Space", "pause / play", hint: ("Space", "pause"), rank: 10,
                 hintNow: { r in ("Space", r.paused || r.isAtEnd ? "play" : "pause") }) { $0.togglePause() },
        .command([.char("n")], "n", "jump to the next prompt passed, SMART warning, overrun or trainer's note, and pause",
                 hint: ("n", "next stop"), rank: 20) { $0.jumpToNextStop() },
        .command([.right, .char(".")], "→ or .", "step to the next event (pauses)", hint: ("←/→", "step"), rank: 30) { $0.stepForward() },
        .command([.left, .char(",")], "← or ,", "step back an event (pauses)") { $0.stepBack() },
        .command([.char("+"), .char("=")], "+", "faster: 1, 2, 5, 10, 20, 30, 60, 120, 240×", hint: ("+/-", "speed"), rank: 40) { $0.faster() },
        .command([.char("-"), .char("_")], "-", "slower") { $0.slower() },
        .command([.char("]")], "]", "jump to the next case's discussion (pauses)", hint: ("[/]", "case"), rank: 60) { $0.jumpToNextCase() },
        .command([.char("[")], "[", "back to the previous case's discussion (pauses)") { $0.jumpToPreviousCase() },
        .command([.char("0"), .home], "0 or Home", "back to the start") { $0.toStart() },
        .command([.end], "End", "on to the end") { $0.toEnd() },
        .command([.char("T")], "T", "stop at amber: when a discussion reaches its target (--pause-at amber)") { $0.toggleStop(.amber) },
        .command([.char("O"), .char("o")], "O or o", "stop at overruns: when a discussion reaches its limit (--pause-at overrun)") {
            $0.toggleStop(.overrun)
        },
        .command([.char("P")], "P", "stop when the chair passes a prompt (--pause-at prompt)") { $0.toggleStop(.prompt) },
        .command([.char("A")], "A", "stop at each action agreed (--pause-at action)") { $0.toggleStop(.action) },
        ReplayBinding([.char("b")], "b", "bookmark this moment in the trainer's notes file (NAME.notes.yaml): type what to remember, Enter saves, Esc cancels",
                      hint: ("b", "bookmark"), rank: 70) { r, _ in r.bookmark() },
    ]
}
