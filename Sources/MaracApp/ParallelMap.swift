import Foundation

/// `items.map(transform)` spread over the cores, results in the same order: for work on every
/// journal of a data folder (folding 260 meetings), where each item is independent.
enum ParallelMap {
    static func map<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let slots = Slots<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in slots.set(i, transform(items[i])) }
        return slots.values()
    }
}

/// One slot per index, each written once by its own worker.
private final class Slots<R>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: R) { lock.lock(); slots[i] = value; lock.unlock() }
    func values() -> [R] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
}
