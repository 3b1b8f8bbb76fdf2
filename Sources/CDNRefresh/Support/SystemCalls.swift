#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The C library's `write(2)`, on Linux and macOS alike (a type's own `write` would otherwise shadow it).
package func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
    #else
        Darwin.write(descriptor, buffer, count)
    #endif
}

/// `errno` in words (`No such file or directory`): what a failed call says, for messages.
package func errnoText(_ code: Int32 = errno) -> String {
    String(cString: strerror(code))
}
