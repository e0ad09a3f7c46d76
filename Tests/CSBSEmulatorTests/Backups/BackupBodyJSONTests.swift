@testable import CSBSEmulator
import Foundation
import Testing

/// The hand-written backup JSON must be byte-identical to what the `Encodable` forms give through the wire encoder.
@Suite("Backup JSON writer")
struct BackupBodyJSONTests {
    /// Every control character, quotes, backslashes, slashes, DEL, line separators and non-ASCII text.
    static let awkward: String = {
        var text = ""
        for value in UInt8(0)..<0x20 { text.unicodeScalars.append(Unicode.Scalar(value)) }
        return text + "\"\\/\u{7F}\u{2028}\u{2029} é 😀 name"
    }()

    static func backup(id: String, name: String, parent: String?, children: [BackupBody], bootable: Bool?) -> BackupBody {
        BackupBody(
            id: id, name: name, description: awkward, checkpointId: "c-1", vaultId: "v-1", projectId: "p-1",
            providerId: "prov", parentId: parent, resourceId: "r-1", resourceName: name, resourceType: "OS::Nova::Server",
            resourceAz: "az", resourceSize: -40, status: "available", imageType: "backup",
            createdAt: CBRTime(micros: 1_597_636_284_678_916), updatedAt: CBRTime(micros: 1_597_636_284_678_917),
            expiredAt: parent == nil ? nil : CBRTime(micros: 253_402_300_800_000_000),  // year 10000
            protectedAt: parent == nil ? nil : CBRTime(micros: -62_167_219_200_000_001),  // year -1
            extendInfo: BackupBody.ExtendInfo(
                autoTrigger: true, bootable: bootable, containSystemDisk: bootable ?? true, encrypted: false,
                isMultiAz: false, supportLld: true, supportedRestoreMode: "backup", systemDisk: bootable == true
            ),
            children: children, incremental: parent == nil, version: 3, enterpriseProjectId: "0"
        )
    }

    static let sample: BackupBody = backup(
        id: "b-1", name: awkward, parent: nil,
        children: [
            backup(id: "d-1", name: "sys", parent: "b-1", children: [], bootable: true),
            backup(id: "d-2", name: "data\u{0}", parent: "b-1", children: [], bootable: false),
        ],
        bootable: nil
    )

    @Test("a listing page matches the encoder byte for byte (empty and full pages)")
    func listing() {
        for backups in [[], [Self.sample], [Self.sample, Self.backup(id: "b-2", name: "x", parent: nil, children: [], bootable: nil)]] {
            let body = BackupListBody(backups: backups, count: 12_345, offset: 7, limit: 100)
            #expect(String(decoding: body.jsonBytes(), as: UTF8.self) == WireJSON.encodeText(body))
        }
    }

    @Test("a single backup envelope matches the encoder byte for byte, with and without replication records")
    func envelope() {
        let source = BackupRecord(
            id: "b-1", checkpointId: "c-1", parentId: nil, vaultId: "v-1", projectId: "p-1", resourceId: "r-1",
            resourceName: "x", resourceType: "OS::Nova::Server", resourceSizeGB: 40, sizeMB: 10, name: Self.awkward,
            description: "", incremental: false, autoTrigger: false, createdAt: 1_000, finishesAt: 2_000,
            outcome: "available", updatedAt: 0, resourceAz: "az", bootable: false, restoringUntil: nil, deletingUntil: nil
        )
        var replica = source
        replica.id = "r-\(Self.awkward)"
        replica.createdAt = 3_000
        replica.finishesAt = 3_010
        var replicated = Self.sample
        replicated.replicationRecords = [
            ReplicationRecordBody(
                source: source, sourceRegion: Self.awkward, replica: replica, destinationRegion: "cn-south-1", now: 3_003
            )
        ]
        for backup in [Self.sample, replicated] {
            let body = BackupEnvelope(backup: backup)
            #expect(String(decoding: body.jsonBytes(), as: UTF8.self) == WireJSON.encodeText(body))
        }
    }
}
