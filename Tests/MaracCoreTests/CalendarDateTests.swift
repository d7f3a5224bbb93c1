import Testing
@testable import MaracCore

@Suite struct CalendarDateTests {
    @Test(arguments: [
        ("01/12/2026", "2026-12-01"), ("1/2/2026", "2026-02-01"), ("2026-12-01", "2026-12-01"),
        ("29/02/2028", "2028-02-29"), (" 31/12/2026 ", "2026-12-31"),
    ])
    func parsesAgendaDates(text: String, iso: String) {
        #expect(CalendarDate.parse(text)?.iso == iso)
    }

    @Test(arguments: ["31/02/2026", "29/02/2027", "2026-13-01", "00/01/2026", "1/1/26", "tomorrow", "", "2026-1-01", "12/31/2026"])
    func rejectsImpossibleOrMalformedDates(text: String) {
        #expect(CalendarDate.parse(text) == nil)
    }

    @Test func dayNumbersRoundTripAcrossCenturies() {
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CalendarDate(dayNumber: n).dayNumber == n)
        }
        #expect(CalendarDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CalendarDate(year: 2026, month: 12, day: 1)!.isoWeekday == 2)   // a Tuesday
    }

    @Test func showsUKOrderOnScreenAndISOInFiles() {
        let d = CalendarDate(year: 2026, month: 3, day: 4)!
        #expect(d.uk == "04/03/2026")
        #expect(d.iso == "2026-03-04")
        #expect(d.addingMonths(12).iso == "2027-03-04")
        #expect(CalendarDate(year: 2028, month: 2, day: 29)!.addingMonths(12).iso == "2029-02-28")
    }

    // Tuesday 01/12/2026.
    static let today = CalendarDate(year: 2026, month: 12, day: 1)!

    @Test(arguments: [
        ("14/12", "2026-12-14"), ("14/12/2026", "2026-12-14"), ("+7d", "2026-12-08"), ("+7", "2026-12-08"),
        ("+2w", "2026-12-15"), ("fri", "2026-12-04"), ("Friday", "2026-12-04"), ("tue", "2026-12-08"),
        ("tomorrow", "2026-12-02"), ("today", "2026-12-01"), ("05/01", "2027-01-05"), ("2027-01-05", "2027-01-05"),
        ("+1m", "2027-01-01"),
    ])
    func dueDateShorthands(text: String, iso: String) throws {
        let parsed = try DueDateInput.parse(text, today: Self.today).get()
        #expect(parsed.iso == iso)
    }

    @Test func dueDateProblemsAreExplained() {
        #expect(throws: DueDateInput.Problem.empty) { try DueDateInput.parse("  ", today: Self.today).get() }
        #expect(throws: DueDateInput.Problem.unreadable("asap")) { try DueDateInput.parse("asap", today: Self.today).get() }
        #expect(throws: DueDateInput.Problem.impossible("31/02")) { try DueDateInput.parse("31/02", today: Self.today).get() }
        #expect(throws: DueDateInput.Problem.impossible("31/02/2027")) { try DueDateInput.parse("31/02/2027", today: Self.today).get() }
        #expect(DueDateInput.Problem.unreadable("asap").description.contains("+7d"))
    }
}
