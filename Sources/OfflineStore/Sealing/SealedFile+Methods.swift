import Foundation
import GRDBSQLite

extension SealedFile {
    /// The state of a sealed file, from the reference the VFS stored after its methods pointer.
    static func state(_ file: UnsafeMutablePointer<sqlite3_file>?) -> SealedFile? {
        guard let file,
            let opaque = UnsafeMutableRawPointer(file).load(
                fromByteOffset: 8, as: UnsafeMutableRawPointer?.self)
        else { return nil }
        return Unmanaged<SealedFile>.fromOpaque(opaque).takeUnretainedValue()
    }

    /// The methods of sealed files (version 2: no `xFetch`, so SQLite never maps pages into
    /// memory and every page passes through `xRead`). Reads and writes are sealed; everything
    /// else — locks, sync, size, shared memory for the WAL index — goes to the base VFS's file.
    static func ioMethods() -> sqlite3_io_methods {
        var methods = sqlite3_io_methods()
        methods.iVersion = 2
        methods.xClose = { file in
            guard let file,
                let opaque = UnsafeMutableRawPointer(file).load(
                    fromByteOffset: 8, as: UnsafeMutableRawPointer?.self)
            else { return SQLITE_OK }
            UnsafeMutableRawPointer(file).storeBytes(
                of: nil, toByteOffset: 8, as: UnsafeMutableRawPointer?.self)
            let state = Unmanaged<SealedFile>.fromOpaque(opaque).takeRetainedValue()
            return state.baseMethods.pointee.xClose?(state.base) ?? SQLITE_OK
        }
        methods.xRead = { file, buffer, count, offset in
            guard let state = SealedFile.state(file), let buffer, count >= 0 else { return IOCode.read }
            return state.read(buffer, Int(count), offset)
        }
        methods.xWrite = { file, buffer, count, offset in
            guard let state = SealedFile.state(file), let buffer, count >= 0 else { return IOCode.write }
            return state.write(buffer, Int(count), offset)
        }
        methods.xTruncate = { file, size in
            guard let state = SealedFile.state(file) else { return IOCode.truncate }
            return state.baseMethods.pointee.xTruncate?(state.base, size) ?? IOCode.truncate
        }
        methods.xSync = { file, flags in
            guard let state = SealedFile.state(file) else { return IOCode.fsync }
            return state.baseMethods.pointee.xSync?(state.base, flags) ?? IOCode.fsync
        }
        methods.xFileSize = { file, size in
            guard let state = SealedFile.state(file) else { return IOCode.fstat }
            return state.baseMethods.pointee.xFileSize?(state.base, size) ?? IOCode.fstat
        }
        methods.xLock = { file, level in
            guard let state = SealedFile.state(file) else { return IOCode.lock }
            return state.baseMethods.pointee.xLock?(state.base, level) ?? IOCode.lock
        }
        methods.xUnlock = { file, level in
            guard let state = SealedFile.state(file) else { return IOCode.unlock }
            return state.baseMethods.pointee.xUnlock?(state.base, level) ?? IOCode.unlock
        }
        methods.xCheckReservedLock = { file, result in
            guard let state = SealedFile.state(file) else { return IOCode.checkReservedLock }
            return state.baseMethods.pointee.xCheckReservedLock?(state.base, result)
                ?? IOCode.checkReservedLock
        }
        methods.xFileControl = { file, operation, argument in
            guard let state = SealedFile.state(file) else { return SQLITE_NOTFOUND }
            return state.baseMethods.pointee.xFileControl?(state.base, operation, argument) ?? SQLITE_NOTFOUND
        }
        methods.xSectorSize = { file in
            guard let state = SealedFile.state(file) else { return 4096 }
            return state.baseMethods.pointee.xSectorSize?(state.base) ?? 4096
        }
        methods.xDeviceCharacteristics = { file in
            guard let state = SealedFile.state(file) else { return 0 }
            return state.baseMethods.pointee.xDeviceCharacteristics?(state.base) ?? 0
        }
        methods.xShmMap = { file, region, size, extend, pointer in
            guard let state = SealedFile.state(file) else { return IOCode.shmMap }
            return state.baseMethods.pointee.xShmMap?(state.base, region, size, extend, pointer)
                ?? IOCode.shmMap
        }
        methods.xShmLock = { file, offset, count, flags in
            guard let state = SealedFile.state(file) else { return IOCode.shmLock }
            return state.baseMethods.pointee.xShmLock?(state.base, offset, count, flags) ?? IOCode.shmLock
        }
        methods.xShmBarrier = { file in
            guard let state = SealedFile.state(file) else { return }
            state.baseMethods.pointee.xShmBarrier?(state.base)
        }
        methods.xShmUnmap = { file, delete in
            guard let state = SealedFile.state(file) else { return SQLITE_OK }
            return state.baseMethods.pointee.xShmUnmap?(state.base, delete) ?? SQLITE_OK
        }
        return methods
    }
}
