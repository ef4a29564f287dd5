// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "clerk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "clerk", targets: ["clerk"]),
        .executable(name: "clerk-central", targets: ["clerk-central"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Pure domain: cases, citizens, services, form engine, workflow, SLA, operations, merge.
        .target(name: "CaseModel", swiftSettings: strict),
        // Reads the service catalogue (YAML) into CaseModel definitions, with file/line errors.
        .target(
            name: "ServiceCatalog",
            dependencies: ["CaseModel", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // Deterministic, realistic Munich demo data (names, streets, cases). Pure.
        .target(name: "DemoData", dependencies: ["CaseModel"], swiftSettings: strict),
        // Codable wire types of the sync API.
        .target(name: "SyncProtocol", dependencies: ["CaseModel"], swiftSettings: strict),
        // The local replica (GRDB).
        .target(
            name: "OfflineStore",
            dependencies: [
                "CaseModel", "SyncProtocol", "DemoData",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The sync engine (push, pull, back-off, auth) over HTTP.
        .target(
            name: "SyncClient",
            dependencies: [
                "CaseModel", "SyncProtocol", "OfflineStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Sync benchmarks (load with many clerks, initial and incremental sync) for `clerk bench`.
        .target(
            name: "SyncBench",
            dependencies: [
                "CaseModel", "SyncProtocol", "OfflineStore", "SyncClient", "CentralService", "DemoData",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Runs the sync benchmarks from the command line (until `clerk bench` calls them).
        .executableTarget(name: "clerk-sync-bench", dependencies: ["SyncBench"], swiftSettings: strict),
        // ncursesw system library with a shim header.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // Cells, display width, screen buffer, diff, keys, keymaps, backends.
        .target(
            name: "TerminalKit",
            dependencies: ["CNcursesw", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // The workstation: state, actions, reducer, effects, views, screens.
        .target(
            name: "ClerkTUI",
            dependencies: [
                "CaseModel", "ServiceCatalog", "OfflineStore", "SyncClient", "TerminalKit",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // The central service (Hummingbird) with SQLite and PostgreSQL storage.
        .target(
            name: "CentralService",
            dependencies: [
                "CaseModel", "SyncProtocol", "ServiceCatalog", "DemoData",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "clerk",
            dependencies: [
                "CaseModel", "ServiceCatalog", "DemoData", "OfflineStore", "SyncProtocol", "SyncClient",
                "TerminalKit", "ClerkTUI", "CentralService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // Replica developer tool: the crash-test child (writes until killed), seeding, benchmarks.
        .executableTarget(
            name: "clerk-replica-tool", dependencies: ["OfflineStore", "DemoData"], swiftSettings: strict),
        .executableTarget(
            name: "clerk-central",
            dependencies: [
                "CentralService", "ServiceCatalog", "CaseModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "CaseModelTests",
            dependencies: [
                "CaseModel", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ServiceCatalogTests", dependencies: ["ServiceCatalog", "CaseModel"],
            swiftSettings: strict),
        .testTarget(
            name: "DemoDataTests", dependencies: ["DemoData", "CaseModel", "ServiceCatalog"],
            swiftSettings: strict),
        .testTarget(
            name: "OfflineStoreTests",
            dependencies: [
                "OfflineStore", "CaseModel", "DemoData", "ServiceCatalog",
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"], swiftSettings: strict),
        .testTarget(
            name: "SyncProtocolTests", dependencies: ["SyncProtocol", "CaseModel"], swiftSettings: strict),
        .testTarget(
            name: "CentralServiceTests",
            dependencies: [
                "CentralService", "SyncProtocol", "CaseModel", "ServiceCatalog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "ClerkTUITests",
            dependencies: [
                "ClerkTUI", "CaseModel", "TerminalKit", "OfflineStore", "DemoData", "ServiceCatalog",
                "SyncClient", "SyncProtocol", "CentralService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "EndToEndTests", swiftSettings: strict),
        .testTarget(
            name: "SyncClientTests",
            dependencies: [
                "SyncClient", "SyncProtocol", "CaseModel", "OfflineStore",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "SyncProofTests",
            dependencies: [
                "SyncClient", "SyncProtocol", "CaseModel", "OfflineStore", "CentralService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
    ]
)
