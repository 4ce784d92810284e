import CGraphviz
import Foundation

/// Graphviz spends most of a render measuring text: every label of every
/// node goes through pango (a `PangoLayout` made, shaped by harfbuzz,
/// measured) — about half of `dot`'s time on Demarc's diagrams, where the
/// same layer names, owners and roles recur in every diagram of a language.
///
/// `TextMeasure` is a textlayout plugin of Graphviz's own kind, installed in
/// the door's context with a higher quality than pango's so libgvc chooses
/// it. It asks pango's textlayout engine once per distinct (font, size,
/// flags, text) and answers every later request from memory: the same
/// sizes, offsets and return value, and a reference to the same
/// `PangoLayout`, which the cairo renderers (PNG, PDF) draw — so the bytes
/// are those pango alone gives (a test renders every diagram both ways).
///
/// Everything here runs under the door's lock (libgvc calls the plugin
/// from inside `gvLayout`), so the cache needs no lock of its own.
enum TextMeasure {
    /// Distinct texts kept before the cache is emptied (at the start of a render).
    nonisolated(unsafe) static var capacity = 50_000

    /// Whether measurements are remembered (tests turn it off and on).
    nonisolated(unsafe) static var enabled = true

    /// `DEMARC_TEXT_CACHE=off`: no plugin at all, Graphviz measures every
    /// text through pango as `dot` does (the benchmark's door-against-C
    /// comparison; diagnosis).
    static let installed = ProcessInfo.processInfo.environment["DEMARC_TEXT_CACHE"] != "off"

    /// A context whose text is measured through the cache, or nil when
    /// pango's textlayout plugin or GObject cannot be found (the door then
    /// uses a plain context: the same bytes, measured every time).
    static func makeContext() -> OpaquePointer? {
        guard installed, let engine = pangoEngine(), let gobject = dlopen("libgobject-2.0.so.0", RTLD_NOW | RTLD_LOCAL),
            let ref = dlsym(gobject, "g_object_ref"), let unref = dlsym(gobject, "g_object_unref")
        else { return nil }
        pango = engine
        objectRef = unsafeBitCast(ref, to: ObjectFunction.self)
        objectUnref = unsafeBitCast(unref, to: ObjectFunction.self)
        return gvContextPlugins(builtins, 1)
    }

    /// Hits and misses since the process started (for tests and the benchmark).
    nonisolated(unsafe) static var hits = 0
    nonisolated(unsafe) static var misses = 0

    /// Empties the cache when it has grown past `capacity` (called before a render, never during one).
    static func trim() {
        guard entries.count > capacity else { return }
        clear()
    }

    /// Forgets every measurement, releasing the layouts held.
    static func clear() {
        for entry in entries.values { if let layout = entry.layout { _ = objectUnref?(layout) } }
        entries = [:]
    }

    static var count: Int { entries.count }

    // MARK: - The plugin

    private typealias ObjectFunction = @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?
    private typealias LayoutFunction = @convention(c) (UnsafeMutablePointer<textspan_t>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> boolean

    nonisolated(unsafe) private static var pango: LayoutFunction?
    nonisolated(unsafe) private static var objectRef: ObjectFunction?
    nonisolated(unsafe) private static var objectUnref: ObjectFunction?

    private struct Measured {
        var size: pointf
        var yoffsetLayout: Double
        var yoffsetCenterline: Double
        var result: boolean
        /// The pango layout (one reference held by the cache), for the cairo renderers.
        var layout: UnsafeMutableRawPointer?
    }

    /// Font size, flags, name and text, as bytes (hashed as bytes, not element by element).
    private struct Key: Hashable {
        var bytes: [UInt8]
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    nonisolated(unsafe) private static var entries: [Key: Measured] = [:]

    /// pango's textlayout engine, from its plugin library in libgvc's
    /// plugin folder (`graphviz/` beside libgvc itself, as libgvc finds it).
    private static func pangoEngine() -> LayoutFunction? {
        guard let line = procSelfMaps().split(separator: "\n").first(where: { $0.contains("/libgvc.so") }), let slash = line.firstIndex(of: "/") else {
            return nil
        }
        let folder = (String(line[slash...]) as NSString).deletingLastPathComponent
        guard let plugin = dlopen(folder + "/graphviz/libgvplugin_pango.so.6", RTLD_NOW | RTLD_LOCAL),
            let types = dlsym(plugin, "gvtextlayout_pango_types")?.assumingMemoryBound(to: gvplugin_installed_t.self),
            let engine = types.pointee.engine?.assumingMemoryBound(to: gvtextlayout_engine_t.self)
        else { return nil }
        return engine.pointee.textlayout
    }

    /// `/proc/self/maps`, read to its end (its size is reported as 0, so read in chunks).
    private static func procSelfMaps() -> String {
        let fd = open("/proc/self/maps", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            bytes += chunk[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let measure: LayoutFunction = { span, fontpath in
        guard enabled, let span, let font = span.pointee.font, let name = font.pointee.name, let text = span.pointee.str, let pango else {
            return pango?(span, fontpath) ?? 0
        }
        var bytes: [UInt8] = []
        withUnsafeBytes(of: font.pointee.size.bitPattern) { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(truncatingIfNeeded: font.pointee.flags))
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: name, count: strlen(name)))
        bytes.append(0)
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: text, count: strlen(text)))
        let key = Key(bytes: bytes)
        if let known = entries[key] {
            hits += 1
            span.pointee.size = known.size
            span.pointee.yoffset_layout = known.yoffsetLayout
            span.pointee.yoffset_centerline = known.yoffsetCenterline
            if let layout = known.layout {
                span.pointee.layout = objectRef?(layout)
                span.pointee.free_layout = release
            }
            return known.result
        }
        misses += 1
        let result = pango(span, fontpath)
        let layout = span.pointee.layout.flatMap { objectRef?($0) }
        entries[key] = Measured(
            size: span.pointee.size, yoffsetLayout: span.pointee.yoffset_layout, yoffsetCenterline: span.pointee.yoffset_centerline,
            result: result, layout: layout)
        return result
    }

    private static let release: @convention(c) (UnsafeMutableRawPointer?) -> Void = { layout in
        _ = TextMeasure.objectUnref?(layout)
    }

    /// The plugin library, as libgvc's builtins list names it (static storage: libgvc keeps the pointers).
    nonisolated(unsafe) private static let builtins: UnsafeMutablePointer<lt_symlist_t> = {
        let engine = UnsafeMutablePointer<gvtextlayout_engine_t>.allocate(capacity: 1)
        engine.initialize(to: gvtextlayout_engine_t(textlayout: measure))
        let types = UnsafeMutablePointer<gvplugin_installed_t>.allocate(capacity: 2)
        types[0] = gvplugin_installed_t(id: 0, type: UnsafePointer(strdup("textlayout")), quality: 100, engine: UnsafeMutableRawPointer(engine), features: nil)
        types[1] = gvplugin_installed_t(id: 0, type: nil, quality: 0, engine: nil, features: nil)
        let apis = UnsafeMutablePointer<gvplugin_api_t>.allocate(capacity: 2)
        apis[0] = gvplugin_api_t(api: API_textlayout, types: types)
        apis[1] = gvplugin_api_t(api: api_t(0), types: nil)
        let library = UnsafeMutablePointer<gvplugin_library_t>.allocate(capacity: 1)
        library.initialize(to: gvplugin_library_t(packagename: strdup("demarc"), apis: apis))
        let list = UnsafeMutablePointer<lt_symlist_t>.allocate(capacity: 2)
        list[0] = lt_symlist_t(name: UnsafePointer(strdup("gvplugin_demarc_LTX_library")), address: UnsafeMutableRawPointer(library))
        list[1] = lt_symlist_t(name: nil, address: nil)
        return list
    }()
}
