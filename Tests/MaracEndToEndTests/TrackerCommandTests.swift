import Foundation
import MaracApp
import MaracCore
import MaracExport
import MaracJournal
import MaracTestSupport
import Testing

func marac(_ args: String...) throws -> (status: Int32, out: String, err: String) {
    try finish(try spawn(Binary.marac, args))
}

/// `marac actions` from the user's side, over a three-meeting folder (issue 17).
@Suite("marac actions end to end", .serialized)
struct TrackerCommandTests {
    let dir: TempFolder
    let summary: SyntheticArchive.Summary

    init() throws {
        dir = try TempFolder()
        summary = try SyntheticArchive.write(meetings: 3, casesPerMeeting: 4, actionsPerCase: 2, to: dir.path)
    }

    var folder: ActionFolder { get throws { try ActionFolder.load(folder: dir.path) } }

    @Test("--by defaults to the config's user_name, else the login name")
    func byFromConfig() throws {
        let config = dir.path + "/marac-config.yaml"
        try "user_name: Sam Idris\n".write(toFile: config, atomically: true, encoding: .utf8)
        let open = try folder.open
        let first = open[0].action.id, second = open[1].action.id
        let configured = try finish(try spawn("/usr/bin/env", ["-u", "MARAC_USER_NAME", "MARAC_CONFIG=\(config)", "USER=pat-login",
                                                               Binary.marac, "actions", dir.path, "note", first, "--note", "Called the officer"]))
        #expect(configured.status == 0, "\(configured.err)")
        let login = try finish(try spawn("/usr/bin/env", ["-u", "MARAC_USER_NAME", "MARAC_CONFIG=\(dir.path)/no-such-config.yaml",
                                                          "USER=pat-login", Binary.marac, "actions", dir.path, "note", second,
                                                          "--note", "Left a message"]))
        #expect(login.status == 0, "\(login.err)")
        let shownFirst = try marac("actions", dir.path, "show", first).out
        #expect(shownFirst.contains("note: Called the officer (by Sam Idris,"), "\(shownFirst)")
        let shownSecond = try marac("actions", dir.path, "show", second).out
        #expect(shownSecond.contains("note: Left a message (by pat-login,"), "\(shownSecond)")
    }

    @Test("every command: list, show, note, extend, reassign, done, escalate, not-possible, chase, import, and the report")
    func everyCommand() throws {
        let open = try folder.open
        #expect(open.count >= 8)
        let police = open[0]
        let newOwner = police.action.owner == "Probation" ? "Housing" : "Probation"
        let others = open.filter { $0.action.id != police.action.id }

        let list = try marac("actions", dir.path, "list", "--on", "01/03/2016")
        #expect(list.status == 0, "\(list.err)")
        #expect(list.out.hasPrefix("Open actions in \(dir.path) on 01/03/2016: \(open.count)"))
        #expect(list.out.contains("\n\(police.action.owner) ("))
        for line in list.out.split(separator: "\n") { #expect(line.count <= 80, "not wrapped to 80 columns: \(line)") }
        for format in ["csv", "md", "json"] {
            let r = try marac("actions", dir.path, "list", "--all", "--format", format)
            #expect(r.status == 0 && r.out.contains(police.action.id), "\(format): \(r.err)")
        }

        let short = "\(police.action.meetingDate.iso.replacingOccurrences(of: "-", with: "").suffix(4))-\(police.number)"
        #expect(try marac("actions", dir.path, "note", short, "--note", "Called the officer", "--by", "Pat Coordinator").status == 0)
        let extend = try marac("actions", dir.path, "extend", police.action.id, "--due", "+7d", "--note", "Court date moved")
        #expect(extend.status == 0 && extend.out.contains("now due"), "\(extend.err)")
        let reassign = try marac("actions", dir.path, "reassign", police.action.id, "--agency", newOwner, "--note", "Perpetrator on licence")
        #expect(reassign.status == 0 && reassign.out.contains("now owned by \(newOwner)"), "\(reassign.err)")
        let done = try marac("actions", dir.path, "done", police.action.id, "--on", "20/02/2016", "--note", "Marker placed")
        #expect(done.status == 0 && done.out.contains("recorded as done on 20/02/2016 (recorded late)"), "\(done.err)")
        let again = try marac("actions", dir.path, "escalate", police.action.id, "--note", "No reply")
        #expect(again.status == 1 && again.err.contains("is already done (20/02/2016: Marker placed); nothing was recorded"))
        #expect(try marac("actions", dir.path, "not-possible", others[0].action.id, "--note", "Victim moved away").status == 0)
        #expect(try marac("actions", dir.path, "escalate", others[1].action.id, "--note", "No reply after two reminders").status == 0)
        let future = try marac("actions", dir.path, "done", others[2].action.id, "--on", "01/01/2099", "--note", "x")
        #expect(future.status == 64 && future.err.contains("is in the future"), "a date typed wrong on the command line is a usage error")

        let show = try marac("actions", dir.path, "show", police.action.id)
        #expect(show.status == 0)
        for word in ["agreed for \(police.action.owner)", "note: Called the officer (by Pat Coordinator", "extend to", "reassign to \(newOwner)",
                     "done: Marker placed", "recorded late", police.action.caseRef] {
            #expect(show.out.contains(word), "show lacks '\(word)': \(show.out)")
        }

        // Chasers for every agency, then one agency's return comes back in.
        let out = try TempFolder()
        let chase = try marac("actions", dir.path, "chase", "--agency", "all", "--format", "csv", "--out", out.path)
        #expect(chase.status == 0, "\(chase.err)")
        // No name configured: the chasers are signed with the login name, and the coordinator is told where to set one.
        let unnamed = try finish(try spawn("/usr/bin/env", ["-u", "MARAC_USER_NAME", "MARAC_CONFIG=\(dir.file("no-config.yaml"))", Binary.marac,
                                                            "actions", dir.path, "chase", "--agency", "all", "--format", "csv", "--out", out.path]))
        #expect(unnamed.status == 0 && unnamed.err.contains("(the login name): set user_name in the configuration"), "\(unnamed.err)")
        let named = try marac("actions", dir.path, "chase", "--agency", "all", "--format", "csv", "--out", out.path, "--by", "Pat Coordinator")
        #expect(named.status == 0 && !named.err.contains("login name"), "\(named.err)")
        for format in ["md", "html", "docx"] {
            let r = try marac("actions", dir.path, "chase", "--agency", "all", "--format", format, "--out", out.path)
            #expect(r.status == 0, "\(format): \(r.err)")
        }
        let docx = out.file("chaser-\(Exporter.fileSafe(others[3].action.owner))-\(TrackActions.localToday().iso).docx")
        let body = try OfficePackage.readPart("word/document.xml", fromPackage: docx)
        #expect(body?.contains(others[3].action.id) == true, "the Word chaser lists the action")
        let book = try marac("actions", dir.path, "list", "--all", "--format", "xlsx", "--out", out.file("actions.xlsx"))
        #expect(book.status == 0, "\(book.err)")
        let sheet = try OfficePackage.readPart("xl/worksheets/sheet1.xml", fromPackage: out.file("actions.xlsx"))
            ?? OfficePackage.readPart("xl/sharedStrings.xml", fromPackage: out.file("actions.xlsx"))
        #expect(sheet != nil)
        let owner = others[3].action.owner
        let file = out.file("chaser-\(Exporter.fileSafe(owner))-\(TrackActions.localToday().iso).csv")
        var csv = try String(contentsOfFile: file, encoding: .utf8)
        #expect(csv.contains(others[3].action.id))
        csv = csv.components(separatedBy: "\r\n").map { line in
            guard line.contains(others[3].action.id + ","), let blanks = line.range(of: ",,,,") else { return line }
            return line.replacingCharacters(in: blanks, with: ",done,01/03/2016,Done as agreed,")
        }.joined(separator: "\r\n")
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try marac("actions", dir.path, "import", file)
        #expect(imported.status == 0 && imported.out.contains("1 update applied (1 done)"), "\(imported.out) \(imported.err)")
        let twice = try marac("actions", dir.path, "import", file)
        #expect(twice.status == 0 && twice.out.contains("already imported"))
        #expect(try folder.action(others[3].action.id)?.status == .done)

        let listAll = try marac("actions", dir.path, "list", "--status", "closed")
        #expect(listAll.out.contains(police.action.id) && listAll.out.contains(others[3].action.id))

        // The data return counts them on the day they happened and says how many were typed late.
        let report = try marac("report", dir.path, "--from", "01/01/2016", "--to", "31/03/2016")
        #expect(report.status == 0, "\(report.err)")
        #expect(report.out.contains("recorded late"))
    }

    @Test("the backup-copy case: actions, the next meeting's review and report see the same open actions")
    func backupCopy() throws {
        // A partial copy of the last meeting, taken before its actions were agreed, beside it.
        let last = try #require(try FolderJournals.read(folder: dir.path, passphrase: nil).meetings.last)
        let events = last.contents.events
        let cut = try #require(events.firstIndex { if case .actionAgreed = $0.event { return true } else { return false } })
        let backup = dir.file(last.contents.header.id + ".backup.jsonl")
        let writer = try JournalWriter.create(path: backup, kind: .meeting, id: last.contents.header.id, events: [events[0].event], at: events[0].at)
        _ = try writer.append(stamped: events[1..<(cut + 1)].map { ($0.at, $0.event) })
        writer.close()
        // The real journal also withdraws one action after the copy was made.
        let withdrawn = try #require(try folder.open.last { $0.journal == last.file })
        let (w, _) = try JournalWriter.open(path: last.path)
        _ = try w.append([.meetingReopened(reason: "Withdraw a duplicate"), .actionWithdrawn(actionID: withdrawn.action.id, reason: "Duplicate"),
                          .meetingClosed], at: events.last!.at + 1000)
        w.close()

        let list = try marac("actions", dir.path, "list", "--format", "csv")
        #expect(list.status == 0)
        let listed = Set(list.out.components(separatedBy: "\r\n").dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) })
        #expect(!listed.contains(withdrawn.action.id), "the withdrawn action is open again")
        let warnings = list.err.split(separator: "\n")
        #expect(warnings.count == 1 && warnings[0].contains("is an earlier copy of"), "\(list.err)")

        // The next meeting: its opening review imports exactly what `actions list` showed.
        try run(Binary.marac, ["new", "--print-template"]).write(toFile: dir.file("agenda.csv"), atomically: true, encoding: .utf8)
        let next = dir.file("next.jsonl")
        try run(Binary.marac, ["new", "--agenda", dir.file("agenda.csv"), "--date", summary.nextDate.uk, "--area", "Eastbrook",
                               "--chair", "Chair 1", "--out", next])
        try "".write(toFile: dir.file("none.keys"), atomically: true, encoding: .utf8)
        try run(Binary.marac, ["run", next, "--keys", dir.file("none.keys"), "--size", "120x40"])
        let imported = MeetingState.fold(try JournalReader.read(path: next).events).outstanding.map(\.id)
        #expect(Set(imported) == listed, "list said: \(list.out.prefix(600)) / \(list.err.prefix(300))")

        // And the report counts the same open actions (status at the end of today's period).
        let report = try marac("report", dir.path, "--from", "01/01/2016", "--to", "31/12/2016", "--format", "csv")
        #expect(report.status == 0, "\(report.err)")
        let loaded = try MaracReportCommand.load(folder: dir.path)
        #expect(loaded.meetings.count == 4, "three meetings and the next one, the backup counted once")
        let g = Governance(meetings: loaded.meetings, period: try ReportPeriod.range(from: "01/01/2016", to: "31/12/2016"),
                           tracker: loaded.tracker, otherMeetings: loaded.otherMeetingUpdates)
        #expect(g.totalActions.open == listed.count)
        #expect(report.err.components(separatedBy: "earlier copy").count == 2, "one note for the backup: \(report.err)")
    }

    @Test("done and escalate on the same action at the same moment: one is recorded, the other refused")
    func race() throws {
        // A folder big enough that loading it takes a while, so both processes are inside the check at once.
        let big = try TempFolder()
        try SyntheticArchive.write(meetings: 30, casesPerMeeting: 20, actionsPerCase: 3, to: big.path)
        let targets = try ActionFolder.load(folder: big.path).open.prefix(6)
        for a in targets {
            let one = try spawn(Binary.marac, ["actions", big.path, "done", a.action.id, "--note", "Done"])
            let two = try spawn(Binary.marac, ["actions", big.path, "escalate", a.action.id, "--note", "Escalated"])
            let results = [try finish(one), try finish(two)]
            #expect(results.filter { $0.status == 0 }.count == 1, "\(a.action.id): \(results.map(\.err))")
            #expect(results.contains { $0.status == 1 && $0.err.contains("is already") && $0.err.contains("nothing was recorded") })
        }
        let tracker = try JournalReader.read(path: big.file("tracker.jsonl"))
        for a in targets {
            let outcomes = tracker.events.filter {
                if case .trackerUpdated(let u) = $0.event { return u.actionID == a.action.id && u.kind.closingStatus != nil } else { return false }
            }
            #expect(outcomes.count == 1, "\(a.action.id) recorded \(outcomes.count) times")
        }
    }

    @Test("every status word the import takes is in import --help and the chaser; synonyms import in any letter case, another word is refused by row and column")
    func statusWords() throws {
        let help = try marac("actions", dir.path, "import", "--help")
        #expect(help.status == 0)
        let flatHelp = help.out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let out = try TempFolder()
        let chase = try marac("actions", dir.path, "chase", "--agency", "all", "--format", "md", "--out", out.path, "--by", "Pat C")
        #expect(chase.status == 0, "\(chase.err)")
        let chaserFile = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix(".md") })
        let chaser = try String(contentsOfFile: out.file(chaserFile), encoding: .utf8)
        let flatChaser = chaser.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for status in ReturnStatus.allCases {
            for word in status.words {
                #expect(flatHelp.contains(word), "import --help does not name '\(word)': \(help.out)")
            }
        }
        #expect(flatHelp.contains(ReturnStatus.wordList) && flatChaser.contains(ReturnStatus.wordList), "\(flatChaser)")

        // Two agencies' returns, written as agencies write: synonyms, odd letter case, a hyphen.
        let byOwner = Dictionary(grouping: try folder.open, by: \.action.owner).sorted { $0.key < $1.key }
        let first = try #require(byOwner.first { $0.value.count >= 2 })
        let second = try #require(byOwner.first { $0.key != first.key })
        let today = TrackActions.localToday().uk
        func returned(_ owner: String, _ rows: [(TrackedAction, String, String)]) -> String {
            "action_id,agency,status,on,note\r\n" + rows.map { "\($0.0.action.id),\(owner),\($0.1),\(today),\($0.2)" }
                .joined(separator: "\r\n") + "\r\n"
        }
        let (done, ongoing, impossible) = (first.value[0], first.value[1], second.value[0])
        let refused = out.file("refused.csv")
        try returned(first.key, [(done, "Completed", "Locks changed"), (ongoing, "finished", "Seen at home")])
            .write(toFile: refused, atomically: true, encoding: .utf8)
        let no = try marac("actions", dir.path, "import", refused)
        #expect(no.status == 2, "\(no.err)")
        #expect(no.err.contains("\(refused) line 3, column status: 'finished' is not a status: use \(ReturnStatus.wordList)"), "\(no.err)")
        #expect(try folder.action(done.action.id)?.isOpen == true, "a row of a refused file was applied")

        let good = out.file("good.csv")
        try returned(first.key, [(done, "Completed", "Locks changed"), (ongoing, "ONGOING", "Seen at home")])
            .write(toFile: good, atomically: true, encoding: .utf8)
        let yes = try marac("actions", dir.path, "import", good)
        #expect(yes.status == 0, "\(yes.err)")
        #expect(yes.out.contains("2 updates applied (1 done, 1 progress note)"), "\(yes.out)")
        let other = out.file("other.csv")
        try returned(second.key, [(impossible, "Not-Possible", "Moved away")]).write(toFile: other, atomically: true, encoding: .utf8)
        let also = try marac("actions", dir.path, "import", other)
        #expect(also.status == 0 && also.out.contains("1 update applied (1 not possible)"), "\(also.out) \(also.err)")
        #expect(try folder.action(done.action.id)?.status == .done)
        #expect(try folder.action(ongoing.action.id)?.isOpen == true)
        #expect(try folder.action(impossible.action.id)?.status == .notPossible)
    }

    @Test("bad input: one clear line, non-zero exit, nothing written")
    func badInput() throws {
        let id = try #require(try folder.open.first).action.id
        let before = FileManager.default.contents(atPath: dir.file("tracker.jsonl"))
        try "not,a,return\n1,2,3\n".write(toFile: dir.file("not-a-return.csv"), atomically: true, encoding: .utf8)
        // Exit statuses as the README's table says: 64 the command line, 66 a missing input, 2 a file
        // that is not what it should be, 73 an output that cannot be made, 1 "it did not".
        for (args, expected, status) in [
            (["done", "#999", "--note", "x"], "no action '#999'", 1),
            (["done", id, "--note", "  "], "--note is empty", 64),
            (["done", id, "--note", "x", "--on", "32/01/2026"], "is not a date", 64),
            (["extend", id, "--due", "31/02/2026", "--note", "x"], "--due '31/02/2026' is not a date", 64),
            (["list", "--format", "pdf"], "--format 'pdf' is not a list format", 64),
            (["chase", "--agency", "all", "--format", "pdf"], "--format 'pdf' is not a chaser format", 64),
            (["chase", "--agency", "all", "--out", dir.file("no-such-folder/chasers")],
             "the folder \(dir.file("no-such-folder")) does not exist (make it with `mkdir -p \(dir.file("no-such-folder"))`)", 73),
            (["extend", id, "--due", "-7d", "--note", "x"], "--due '-7d' is not a date", 64),
            (["list", "--format", "xlsx"], "give --out FILE.xlsx", 64),
            (["import", dir.file("missing.csv")], "no such file", 66),
            (["import", dir.file("not-a-return.csv")], "no action_id, status, on, note columns", 2),
            (["frobnicate"], "'frobnicate' is not an actions subcommand", 64),
        ] {
            let r = try finish(try spawn(Binary.marac, ["actions", dir.path] + args))
            #expect(r.status == Int32(status), "\(args): \(r.status) \(r.err)")
            #expect(r.err.contains(expected), "\(args): \(r.err)")
            #expect(r.err.split(separator: "\n").count == 1, "\(args): \(r.err)")
        }
        #expect(FileManager.default.contents(atPath: dir.file("tracker.jsonl")) == before, "the tracker changed")
    }
}
