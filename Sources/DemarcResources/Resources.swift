/// Looks up files compiled into the binary from `Models/` and `Templates/`.
public enum Resources {
    /// The embedded files below `folder`, keyed by package-relative path
    /// ("Models/iij-gio-p2/model.yaml").
    public static func files(under folder: String) -> [String: [UInt8]] {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return EmbeddedFiles.all.filter { $0.key.hasPrefix(prefix) }
    }
}
