import Testing

@testable import AlibabaCDN

@Suite("The SLS query an sls: input sends")
struct SLSQueryTests {
    @Test("the selection goes in the search part; the SQL part groups by URL, counts, and pages in a stable order")
    func text() throws {
        let query = try SLSQuery(
            purpose: .candidates(methods: ["GET", "POST"], statuses: [500...599, 404...404]), keepQuery: true)
        #expect(query.search == "(method: GET or method: POST) and (return_code in [500 599] or return_code: 404)")
        #expect(
            query.sql(offset: 20_000, count: 10_000)
                == "select scheme, domain as domain, uri, uri_param as uri_param, count(*) as hits, max(__time__) as "
                + "changed group by scheme, domain, uri, uri_param order by scheme, domain, uri, uri_param "
                + "limit 20000, 10000")
        let hits = try SLSQuery(purpose: .hits, keepQuery: false, domainMap: ["origin.example.com": "cdn.example.com"])
        #expect(hits.search == "(method: GET or method: HEAD) and (return_code in [200 299] or return_code: 304)")
        #expect(hits.sql(offset: 0, count: 10).contains("'-' as uri_param"))
        #expect(hits.sql(offset: 0, count: 10).contains("case domain when 'origin.example.com' then 'cdn.example.com'"))
        #expect(hits.sql(offset: 0, count: 10).contains("group by scheme, case domain") && !hits.search.contains("|"))
    }

    @Test(
        "values that could inject SLS syntax are refused before any query is written",
        arguments: [
            (["GET or 1=1"], [200...299], [String: String]()), (["get"], [200...299], [:]),
            (["GET"], [0...700], [:]), (["GET"], [200...299], ["a' or 'b": "c.example.com"]),
            (["GET"], [200...299], ["a.example.com": "b.example.com | select *"]), ([], [200...299], [:]),
        ] as [([String], [ClosedRange<Int>], [String: String])])
    func injection(methods: [String], statuses: [ClosedRange<Int>], domains: [String: String]) {
        #expect(throws: SLSQueryError.self) {
            try SLSQuery(
                purpose: .candidates(methods: methods, statuses: statuses), keepQuery: true, domainMap: domains)
        }
    }
}
