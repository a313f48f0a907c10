extension KeyedDecodingContainer {
    /// The value at `key`, or nil when it is missing, null or of another type: Winnow's own files are
    /// read back leniently, as a damaged or older file must not stop `status`, `report` or a run.
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}
