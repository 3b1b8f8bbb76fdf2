import Testing

@testable import CDNRefresh

@Suite("Canonical URL parts")
struct CanonicalURLTests {
    @Test("ancestor directories: shortest first, not the URL itself, nothing from the query")
    func ancestors() {
        #expect(
            CanonicalURL.ancestorDirectories(of: "https://h.example.com:8443/a/b/c.js?next=/x/y/")
                == ["https://h.example.com:8443/", "https://h.example.com:8443/a/", "https://h.example.com:8443/a/b/"])
        #expect(CanonicalURL.ancestorDirectories(of: "https://h.com/a/") == ["https://h.com/"])
        #expect(CanonicalURL.ancestorDirectories(of: "https://h.com/") == [])
        #expect(CanonicalURL.ancestorDirectories(of: "https://h.com") == [])
        #expect(CanonicalURL.ancestorDirectories(of: "not a url/a/b") == [])
    }

    @Test("the byte-level walk gives the same directories as lengths")
    func byteWalk() {
        var url = "http://h.com/%E4%B8%AD/x/y.png"
        var lengths: [Int] = []
        url.withUTF8 { CanonicalURL.forEachAncestorDirectory(in: $0) { lengths.append($0) } }
        #expect(
            lengths.map { String(url.utf8.prefix($0))! } == CanonicalURL.ancestorDirectories(of: url).map(String.init))
        #expect(lengths == [13, 23, 25])
    }

    @Test("domain and path")
    func parts() {
        #expect(CanonicalURL.domain(of: "https://h.com:81/a?b=/c") == "h.com:81")
        #expect(CanonicalURL.domain(of: "https://h.com") == "h.com")
        #expect(CanonicalURL.path(of: "https://h.com/a/b?c=/d") == "/a/b")
        #expect(CanonicalURL.path(of: "https://h.com") == nil)
        #expect(CanonicalURL.path(of: "h.com/a") == nil)
    }
}
