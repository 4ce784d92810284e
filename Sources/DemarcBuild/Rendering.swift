import DemarcGraphviz

/// One diagram to render: DOT text and the format wanted.
public struct RenderJob: Sendable, Hashable {
    /// Names the diagram in errors (its output path).
    public var name: String
    public var dot: String
    public var format: Graphviz.Format

    public init(name: String, dot: String, format: Graphviz.Format) {
        self.name = name
        self.dot = dot
        self.format = format
    }
}

/// What came of one job.
public enum RenderOutcome: Sendable, Equatable {
    case success([UInt8])
    case failure(String)
}

/// Renders jobs, in process or in worker processes; results in job order.
public protocol Renderer: Sendable {
    func render(_ jobs: [RenderJob]) async -> [RenderOutcome]
}

/// Renders in this process through the Graphviz door (`--jobs 0`).
public struct InProcessRenderer: Renderer {
    public init() {}

    public func render(_ jobs: [RenderJob]) async -> [RenderOutcome] {
        jobs.map { job in
            do {
                return .success(try Graphviz.render(dot: job.dot, format: job.format, name: job.name))
            } catch {
                return .failure("\(error)")
            }
        }
    }
}

/// The byte framing between the build and its workers over pipes.
/// Request: "DMRQ" u32 name-length name u8 format-length format u32 dot-length dot.
/// Response: "DMRS" u8 status (0 bytes, 1 error text) u32 length payload.
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
        let name = Array(job.name.utf8), format = Array(job.format.rawValue.utf8), dot = Array(job.dot.utf8)
        return requestMagic + u32(name.count) + name + [UInt8(format.count)] + format + u32(dot.count) + dot
    }

    public static func response(_ outcome: RenderOutcome) -> [UInt8] {
        switch outcome {
        case .success(let bytes): return responseMagic + [0] + u32(bytes.count) + bytes
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
        let formatLength = Int(buffer[offset])
        offset += 1
        guard buffer.count >= offset + formatLength + 4 else { return nil }
        let format = String(decoding: buffer[offset..<offset + formatLength], as: UTF8.self)
        offset += formatLength
        let dotLength = readU32(buffer[offset...])
        offset += 4
        guard buffer.count >= offset + dotLength else { return nil }
        guard let f = Graphviz.Format(rawValue: format) else { throw FrameError() }
        let job = RenderJob(name: String(decoding: buffer[8..<8 + nameLength], as: UTF8.self),
                            dot: String(decoding: buffer[offset..<offset + dotLength], as: UTF8.self), format: f)
        buffer.removeFirst(offset + dotLength)
        return job
    }

    /// A whole response at the front of `buffer`, removing it; nil if incomplete.
    public static func takeResponse(_ buffer: inout [UInt8]) throws -> RenderOutcome? {
        guard buffer.count >= 9 else { return nil }
        guard Array(buffer[0..<4]) == responseMagic else { throw FrameError() }
        let length = readU32(buffer[5...])
        guard buffer.count >= 9 + length else { return nil }
        let payload = Array(buffer[9..<9 + length])
        let status = buffer[4]
        buffer.removeFirst(9 + length)
        return status == 0 ? .success(payload) : .failure(String(decoding: payload, as: UTF8.self))
    }

    public struct FrameError: Error, CustomStringConvertible {
        public var description: String { "the worker protocol was broken (unexpected bytes on the pipe)" }
    }
}
