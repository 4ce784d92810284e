#if canImport(Glibc)
    import Glibc
#endif

/// Runs `body` on a thread of its own (8 MB of stack), off the Swift
/// concurrency pool, and returns what it returns. Work that blocks — a
/// render through libgvc, a language's pages — runs here, so the pool (as
/// many threads as cores) goes on serving the tasks that spawn and feed the
/// workers. Not a Dispatch queue (on Linux those draw on the same threads as
/// the pool) and not Foundation's `Thread` (a build crashed, now and then,
/// releasing what a thread's block held): a plain POSIX thread, detached,
/// whose closure is handed over once and released once.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        startOwnThread { continuation.resume(returning: body()) }
    }
}

/// Starts `body` on a thread of its own (as `onOwnThread`) and returns at once.
public func startOwnThread(_ body: @escaping @Sendable () -> Void) {
    let context = Unmanaged.passRetained(OwnThreadWork(body)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, 8 << 20)
    pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
    var thread = pthread_t()
    let status = pthread_create(
        &thread, &attributes,
        { context in
            Unmanaged<OwnThreadWork>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
    if status != 0 {
        // No thread to be had: the work runs here rather than not at all.
        Unmanaged<OwnThreadWork>.fromOpaque(context).takeRetainedValue().run()
    }
}

/// The closure a thread runs, boxed to cross `pthread_create`.
final class OwnThreadWork: Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}
