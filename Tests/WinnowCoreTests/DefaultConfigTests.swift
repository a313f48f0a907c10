import Foundation
import Testing
@testable import WinnowCore

@Suite struct DefaultConfigTests {
    /// DefaultConfig.swift is generated from Config/winnow.yml by Scripts/update-default-config.sh; a
    /// Swift multi-line string literal ends before the file's final newline.
    @Test func compiledInConfigMatchesConfigFile() throws {
        let url = Fixtures.packageRoot.appendingPathComponent("Config/winnow.yml")
        let data = try #require(FileManager.default.contents(atPath: url.path), "cannot read \(url.path)")
        var file = String(decoding: data, as: UTF8.self)
        if file.hasSuffix("\n") { file.removeLast() }
        #expect(DefaultConfig.yaml == file, "run Scripts/update-default-config.sh after editing Config/winnow.yml")
    }

    @Test func defaultConfigHashIsStable() throws {
        #expect(try ConfigLoader.loadDefault().hash == ConfigLoader.load(yaml: DefaultConfig.yaml, file: "other-name.yml").hash)
    }
}
