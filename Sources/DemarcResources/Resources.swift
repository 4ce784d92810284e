/// Looks up files compiled into the binary from `Models/` and `Templates/`.
public enum Resources {
    /// Bytes of one embedded file, by its package-relative path.
    public static func file(_ path: String) -> [UInt8]? { EmbeddedFiles.all[path] }

    /// The embedded files below `folder`, keyed by package-relative path
    /// ("Models/iij-gio-p2/model.yaml").
    public static func files(under folder: String) -> [String: [UInt8]] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return EmbeddedFiles.all.filter { $0.key.hasPrefix(prefix) }
    }
}
