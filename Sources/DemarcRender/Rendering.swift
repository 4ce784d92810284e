import Dispatch
import DemarcGraphviz

/// One diagram to render: DOT text, laid out once, and the formats wanted.
public struct RenderJob: Sendable, Hashable {
    /// Names the diagram in errors.
    public var name: String
    public var dot: String
    public var formats: [Graphviz.Format]

    public init(name: String, dot: String, formats: [Graphviz.Format]) {
        self.name = name
        self.dot = dot
        self.formats = formats
    }
}

/// What came of one job: the bytes of each format, in the job's order, or
/// why it failed.
public enum RenderOutcome: Sendable, Equatable {
    case success([[UInt8]])
    case failure(String)
}

/// Renders jobs, in process or in worker processes; results in job order.
public protocol Renderer: Sendable {
    func render(_ jobs: [RenderJob]) async -> [RenderOutcome]
}

/// Renders in this process through the Graphviz door (`--jobs 0`).
public struct InProcessRenderer: Renderer {
    public init() {}

    /// Graphviz works synchronously and may take long: it runs on a Dispatch
    /// thread, so the Swift concurrency pool (two threads on two cores) is
    /// never blocked by it and other tasks — reading a child's output, say —
    /// go on.
    public func render(_ jobs: [RenderJob]) async -> [RenderOutcome] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: jobs.map(Self.render)) }
        }
    }

    static func render(_ job: RenderJob) -> RenderOutcome {
        do {
            return .success(try Graphviz.render(dot: job.dot, formats: job.formats, name: job.name))
        } catch {
            return .failure("\(error)")
        }
    }
}

/// The byte framing between the build and its workers over pipes.
/// Request: "DMRQ" u32 name-length name u8 format-count (u8 length format)… u32 dot-length dot.
/// Response: "DMRS" u8 status (0 bytes, 1 error text), then for bytes
/// u8 count (u32 length payload)…, for an error u32 length text.
public enum WorkerFrame {
    static let requestMagic = Array("DMRQ".utf8)
    static let responseMagic = Array("DMRS".utf8)

    static func u32(_ n: Int) -> [UInt8] {
        let v = UInt32(n)
        return [UInt8(v >> 24), UInt8((v >> 16) & 0xff), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)]
    }

    static func readU32(_ bytes: ArraySlice<UInt8>) -> Int {
        let b = Array(bytes.prefix(4))
        return Int(UInt32(b[0]) << 24 | UInt32(b[1]) << 16 | UInt32(b[2]) << 8 | UInt32(b[3]))
    }

    public static func request(_ job: RenderJob) -> [UInt8] {
        let name = Array(job.name.utf8), dot = Array(job.dot.utf8)
        var out = requestMagic + u32(name.count) + name + [UInt8(job.formats.count)]
        for format in job.formats {
            let f = Array(format.rawValue.utf8)
            out += [UInt8(f.count)] + f
        }
        return out + u32(dot.count) + dot
    }

    public static func response(_ outcome: RenderOutcome) -> [UInt8] {
        switch outcome {
        case .success(let outputs):
            var out = responseMagic + [0, UInt8(outputs.count)]
            for bytes in outputs { out += u32(bytes.count) + bytes }
            return out
        case .failure(let message):
            let text = Array(message.utf8)
            return responseMagic + [1] + u32(text.count) + text
        }
    }

    /// A whole request at the front of `buffer`, removing it; nil if incomplete.
    /// Throws on bytes that are not a request.
    public static func takeRequest(_ buffer: inout [UInt8]) throws -> RenderJob? {
        guard buffer.count >= 8 else { return nil }
        guard Array(buffer[0..<4]) == requestMagic else { throw FrameError() }
        let nameLength = readU32(buffer[4...])
        var offset = 8 + nameLength
        guard buffer.count >= offset + 1 else { return nil }
        let count = Int(buffer[offset])
        offset += 1
        var formats: [Graphviz.Format] = []
        for _ in 0..<count {
            guard buffer.count >= offset + 1 else { return nil }
            let length = Int(buffer[offset])
            guard buffer.count >= offset + 1 + length else { return nil }
            let name = String(decoding: buffer[offset + 1..<offset + 1 + length], as: UTF8.self)
            guard let format = Graphviz.Format(rawValue: name) else { throw FrameError() }
            formats.append(format)
            offset += 1 + length
        }
        guard buffer.count >= offset + 4 else { return nil }
        let dotLength = readU32(buffer[offset...])
        offset += 4
        guard buffer.count >= offset + dotLength else { return nil }
        let job = RenderJob(
            name: String(decoding: buffer[8..<8 + nameLength], as: UTF8.self),
            dot: String(decoding: buffer[offset..<offset + dotLength], as: UTF8.self), formats: formats)
        buffer.removeFirst(offset + dotLength)
        return job
    }

    /// A whole response at the front of `buffer`, removing it; nil if incomplete.
    public static func takeResponse(_ buffer: inout [UInt8]) throws -> RenderOutcome? {
        guard buffer.count >= 5 else { return nil }
        guard Array(buffer[0..<4]) == responseMagic else { throw FrameError() }
        if buffer[4] == 1 {
            guard buffer.count >= 9 else { return nil }
            let length = readU32(buffer[5...])
            guard buffer.count >= 9 + length else { return nil }
            let text = String(decoding: buffer[9..<9 + length], as: UTF8.self)
            buffer.removeFirst(9 + length)
            return .failure(text)
        }
        guard buffer.count >= 6 else { return nil }
        let count = Int(buffer[5])
        var offset = 6
        var outputs: [[UInt8]] = []
        for _ in 0..<count {
            guard buffer.count >= offset + 4 else { return nil }
            let length = readU32(buffer[offset...])
            guard buffer.count >= offset + 4 + length else { return nil }
            outputs.append(Array(buffer[offset + 4..<offset + 4 + length]))
            offset += 4 + length
        }
        buffer.removeFirst(offset)
        return .success(outputs)
    }

    public struct FrameError: Error, CustomStringConvertible {
        public var description: String { "the worker protocol was broken (unexpected bytes on the pipe)" }
    }
}
