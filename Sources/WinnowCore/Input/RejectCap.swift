/// At most `limit` reject lines per reason from one container (`limits.max_rejects_per_container_reason`):
/// a 266-byte `.jsonl.zst` of a million `{}` lines would otherwise write a million reject lines and
/// state rows. The rejects over the cap are counted (`inputs.rejects_over_cap` in the report) instead.
struct RejectCap {
    let limit: Int
    private var written: [String: Int] = [:]

    init(limit: Int) { self.limit = limit }

    /// `item` when it is a document, or a reject still under its reason's cap; nil (counted in
    /// `tally`) for a reject over the cap.
    mutating func admit(_ item: InputItem, tally: SkipTally) -> InputItem? {
        guard let reason = item.preRejected?.reason else { return item }
        let count = written[reason, default: 0]
        guard count < limit else {
            tally.addOverCap(reason)
            return nil
        }
        written[reason] = count + 1
        return item
    }
}
