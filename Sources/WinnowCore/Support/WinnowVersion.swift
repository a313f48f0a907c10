public enum WinnowVersion {
    /// The release, written into every record as `metadata.winnow_version`.
    public static let current = "0.1.0"
}
