// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Winnow",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "winnow", targets: ["winnow"]),
        .library(name: "WinnowCore", targets: ["WinnowCore"]),
        .executable(name: "winnow-fuzz", targets: ["winnow-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CUchardet",
            pkgConfig: "uchardet",
            providers: [.apt(["libuchardet-dev"])]
        ),
        // CLD2 is C++; this small target gives Swift a C function (Debian libcld2-dev).
        .target(
            name: "CLD2Shim",
            linkerSettings: [.linkedLibrary("cld2")]
        ),
        .target(
            name: "WinnowCore",
            dependencies: [
                "CLibXML2",
                "CZlib",
                "CZstd",
                "CUchardet",
                "CLD2Shim",
                "CSQLite",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "winnow",
            dependencies: [
                "WinnowCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // libFuzzer target (Scripts/fuzz.sh builds it with -sanitize=fuzzer,address -DFUZZING); an
        // ordinary build is a small replay tool.
        .systemLibrary(name: "CLibFuzzer"),
        .executableTarget(
            name: "winnow-fuzz",
            dependencies: ["WinnowCore", "CLibFuzzer"]
        ),
        .testTarget(
            name: "WinnowCoreTests",
            dependencies: ["WinnowCore", "winnow"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
