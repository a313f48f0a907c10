public enum WinnowVersion {
    /// The release, written into every record as `metadata.winnow_version`; `--incremental`
    /// reprocesses inputs written by another one. Bumped whenever extraction output changes without a
    /// config or model change (ExtractionVersionTests pins the golden pages' outputs to it).
    public static let current = "0.2.1"
}
