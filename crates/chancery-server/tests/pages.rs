//! The reading room's pages, served by the real server over the test kit's archive: every
//! address, 404s, a malformed query, conditional GETs, escaping of a hostile document
//! everywhere it appears, the machine-readable metadata, and the access gate (a staff-only
//! document never shows anywhere; a document whose embargo ended does).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod kit;

use kit::{TestServer, id};

/// The staff-only fixture's marker word, title and identifier.
fn secrets() -> Vec<String> {
    vec![
        "zanzibarquokka".to_string(),
        "Staff-only briefing".to_string(),
        id("staff").to_string(),
        id("embargoed").to_string(),
        "Embargoed report".to_string(),
    ]
}

fn assert_no_secrets(path: &str, body: &str) {
    for secret in secrets() {
        // A search for the marker word shows the query back, and nothing else.
        if path.to_lowercase().contains(&secret.to_lowercase()) {
            let hits = body.split("class=\"hits\"").nth(1).unwrap_or_default();
            assert!(
                !hits.to_lowercase().contains(&secret.to_lowercase()),
                "{path} finds '{secret}'"
            );
            continue;
        }
        assert!(
            !body.to_lowercase().contains(&secret.to_lowercase()),
            "{path} reveals '{secret}'"
        );
    }
}

/// The hostile fixture's markup must never come out raw.
fn assert_no_raw_markup(path: &str, body: &str) {
    for raw in ["<script>alert", "<img src=x", "<b>bold?</b>"] {
        assert!(!body.contains(raw), "{path} contains raw '{raw}'");
    }
}

/// Entities written the way these tests spell them (askama writes `&#38;`, `&#34;`, …).
fn norm(body: &str) -> String {
    body.replace("&#38;", "&amp;")
        .replace("&#34;", "&quot;")
        .replace("&#60;", "&lt;")
        .replace("&#62;", "&gt;")
}

async fn get(server: &TestServer, path: &str) -> (u16, String) {
    let (status, body) = server.get_text(path).await;
    (status, norm(&body))
}

async fn page(server: &TestServer, path: &str) -> String {
    let (status, body) = get(server, path).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

fn doc_path(key: &str) -> String {
    format!("/documents/{}", id(key))
}

#[tokio::test]
async fn the_home_page_shows_what_the_archive_holds() {
    let server = TestServer::start().await;
    let response = server.get("/").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    let body = norm(&response.text().await.unwrap());
    assert!(body.contains("<html lang=\"en\">"));
    assert!(body.contains("class=\"skip-link\" href=\"#main\""));
    for landmark in ["<header", "<nav", "<main", "<footer"] {
        assert!(body.contains(landmark), "no {landmark}");
    }
    // Visible documents: 7 of the 9 fixtures (not the staff-only one, not the one still under
    // embargo).
    assert!(body.contains("It holds 7 documents."), "{body}");
    assert!(body.contains("Telegrams"));
    assert!(body.contains("/search?type=telegram"));
    assert!(body.contains("1950s"));
    assert!(body.contains("/search?decade=1950s&amp;sort=date"));
    assert!(body.contains("Korean War"));
    assert!(body.contains("/collections/korean-war"));
    assert!(body.contains("Recently added"));
    assert!(body.contains("Released report"));
    assert!(body.contains("United States aide-memoire (27 June 1950)"));
    assert_no_secrets("/", &body);
    assert_no_raw_markup("/", &body);
    // The Korean War collection has 2 visible documents (the staff one is not counted).
    let collections = body.split("id=\"collections-title\"").nth(1).unwrap();
    assert!(
        collections.contains("Korean War</span> <span class=\"count\">2</span>"),
        "{collections}"
    );
}

#[tokio::test]
async fn search_finds_highlights_sorts_and_filters() {
    let server = TestServer::start().await;
    let body = page(&server, "/search?q=Gromyko").await;
    assert!(body.contains("Results for “Gromyko”"));
    assert!(body.contains("2 documents match"), "{body}");
    assert!(body.contains("<mark>Gromyko</mark>"));
    assert!(body.contains(&doc_path("aide")));
    assert!(body.contains(&doc_path("telegram")));
    assert!(body.contains("name=\"robots\" content=\"noindex\""));
    // Facets with counts that add filters.
    assert!(
        body.contains("/search?q=Gromyko&amp;type=telegram"),
        "{body}"
    );
    assert!(body.contains("/search?q=Gromyko&amp;lang=en"));
    // Sorting.
    assert!(body.contains("/search?q=Gromyko&amp;sort=-date"));

    let filtered = page(&server, "/search?q=Gromyko&type=telegram").await;
    assert!(filtered.contains("1 document matches"), "{filtered}");
    assert!(filtered.contains(&doc_path("telegram")));
    assert!(!filtered.contains(&doc_path("aide")));
    // The active filter is a removable chip and an active facet entry.
    assert!(
        filtered.contains("class=\"chip\" href=\"/search?q=Gromyko\""),
        "{filtered}"
    );
    assert!(filtered.contains("facet-entry active"));

    // Sorting by date in both directions.
    let asc = page(&server, "/search?q=&sort=date").await;
    let treaty = asc.find(&doc_path("treaty")).unwrap();
    let released = asc.find(&doc_path("released")).unwrap();
    assert!(treaty < released);
    let desc = page(&server, "/search?sort=-date").await;
    assert!(desc.find(&doc_path("treaty")).unwrap() > desc.find(&doc_path("released")).unwrap());

    // The year histogram: an SVG with a name, bars that filter to their year, a table.
    assert!(asc.contains("<svg class=\"histogram\""));
    assert!(asc.contains("role=\"group\" aria-labelledby=\"histogram-title\""));
    assert!(asc.contains("Counts by decade") || asc.contains("Counts by year"));
    let ranged = page(&server, "/search?from=1950&to=1952").await;
    assert!(ranged.contains("3 documents match"), "{ranged}");
    assert!(ranged.contains("Years:</span> 1950–1952"));
    assert!(ranged.contains("name=\"from\" inputmode=\"numeric\""));
    // A day from the timeline.
    let day = page(&server, "/search?date=1950-06-27").await;
    assert!(day.contains(&doc_path("aide")));
    assert!(day.contains("Date:</span> 27 June 1950"));
    assert_no_secrets("/search?date=1950-06-27", &day);
}

#[tokio::test]
async fn search_never_reveals_hidden_documents() {
    let server = TestServer::start().await;
    for path in [
        "/search?q=zanzibarquokka",
        "/search?q=Korea",
        "/search?q=",
        "/search?q=report",
        "/search?q=embargoed",
        "/search?collection=korean-war",
        "/search?q=&type=memorandum",
        "/search?from=1950&to=1950",
        "/search?q=Restricted",
    ] {
        let (status, body) = get(&server, path).await;
        assert_eq!(status, 200, "{path}");
        assert_no_secrets(path, &body);
        assert_no_raw_markup(path, &body);
    }
    let body = page(&server, "/search?q=zanzibarquokka").await;
    assert!(body.contains("Nothing matches this search"));
    let korea = page(&server, "/search?collection=korean-war").await;
    assert!(korea.contains("2 documents match"), "{korea}");
    // The embargo that ended shows.
    let released = page(&server, "/search?q=released").await;
    assert!(released.contains(&doc_path("released")));
}

#[tokio::test]
async fn no_results_and_malformed_queries_get_helpful_pages() {
    let server = TestServer::start().await;
    let body = page(&server, "/search?q=Gromiko&type=treaty").await;
    assert!(body.contains("Nothing matches this search"));
    assert!(body.contains("without the filters"));
    assert!(body.contains("/search?q=Gromiko\""), "{body}");
    assert!(body.contains("Allow for spelling differences: Gromiko~"));
    assert!(body.contains("id=\"query-help\" open"));

    let (status, body) = get(&server, "/search?q=date%3A%20AND%20x").await;
    assert_eq!(status, 400);
    assert!(
        body.contains("There is a problem in the query at column 7"),
        "{body}"
    );
    assert!(
        body.contains("<code>date: <mark class=\"fault\">AND</mark> x</code>"),
        "{body}"
    );
    assert!(
        body.contains("expected a value after &#39;date:&#39;"),
        "{body}"
    );
    assert!(body.contains("How to write a search"));
    assert!(body.contains("value=\"date: AND x\""));

    // Something missing at the end is pointed at too.
    let (status, body) = get(&server, "/search?q=%22aide").await;
    assert_eq!(status, 400);
    assert!(body.contains("class=\"fault"), "{body}");

    // Bad parameters are 400 pages naming the problem, never 500.
    for path in [
        "/search?page=0",
        "/search?page=9999",
        "/search?page=abc",
        "/search?type=shopping-list",
        "/search?sort=sideways",
        "/search?from=abc",
        "/search?decade=1955s",
        "/search?date=%3Cscript%3E",
        "/search?lang=english",
    ] {
        let (status, body) = get(&server, path).await;
        assert_eq!(status, 400, "{path}");
        assert!(
            body.contains("The request could not be read"),
            "{path}: {body}"
        );
        assert!(!body.contains("<script>"), "{path}");
    }
    // Odd but valid input is fine.
    for path in [
        "/search?q=%00%FF",
        "/search?q=((((",
        "/search?q=-",
        "/search?q=%E2%80%94",
        "/search?unknown=1",
        "/search?q=a&q=b",
    ] {
        let (status, _) = get(&server, path).await;
        assert!(status == 200 || status == 400, "{path}: {status}");
    }
}

#[tokio::test]
async fn pagination_links_next_and_previous() {
    let mut docs = kit::documents();
    for i in 0..45 {
        let mut d = chancery_model::Document::new(
            id(&format!("bulk{i}")),
            format!("Bulk circular number {i}"),
            "A circular about procedure.",
        );
        d.date = Some(chancery_model::DocDate::parse_edtf(&format!("19{:02}", i + 10)).unwrap());
        docs.push(d);
    }
    let server = TestServer::with_documents(docs).await;
    let first = page(&server, "/search?q=circular").await;
    assert!(
        first.contains("45 documents match; showing 1–20."),
        "{first}"
    );
    assert!(first.contains("<link rel=\"next\" href=\"/search?q=circular&amp;page=2\">"));
    assert!(!first.contains("rel=\"prev\""));
    let second = page(&server, "/search?q=circular&page=2").await;
    assert!(
        second.contains("<link rel=\"prev\" href=\"/search?q=circular\">"),
        "{second}"
    );
    assert!(second.contains("<link rel=\"next\" href=\"/search?q=circular&amp;page=3\">"));
    assert!(second.contains("<ol class=\"hits\" start=\"21\">"));
    let third = page(&server, "/search?q=circular&page=3").await;
    assert!(third.contains("showing 41–45"));
    assert!(!third.contains("rel=\"next\""));
    // The histogram spans the years, one bar per year.
    assert!(first.contains("Counts by year"));
    assert!(first.contains("/search?q=circular&amp;from=1930&amp;to=1930"));
}

#[tokio::test]
async fn a_document_page_shows_the_document_with_its_structure() {
    let server = TestServer::start().await;
    let path = doc_path("aide");
    let body = page(&server, &path).await;
    assert!(
        body.contains(
            "<h1 id=\"doc-title\" lang=\"en\">United States aide-memoire (27 June 1950)</h1>"
        ),
        "{body}"
    );
    assert!(body.contains("<time datetime=\"1950-06-27\">27 June 1950</time>"));
    assert!(body.contains("Aide-mémoire"));
    assert!(body.contains("Moscow"));
    assert!(body.contains("<span class=\"sender\">Alan G. Kirk</span>"));
    assert!(body.contains("<span class=\"recipient\">Andrei Gromyko</span>"));
    assert!(body.contains("Ambassador Alan G. Kirk hands Foreign Minister"));
    // Structure: the heading, italics, a note reference linked both ways.
    assert!(body.contains("<h2 class=\"doc-heading\">U.S. aide-memoire of June 27, 1950</h2>"));
    assert!(body.contains("My <i>Government</i> has"), "{body}");
    assert!(body.contains("<a id=\"ref-1\" href=\"#note-1\" aria-label=\"Note 1\">1</a>"));
    assert!(body.contains("<li id=\"note-1\">"));
    assert!(body.contains("href=\"#ref-1\""));
    assert!(body.contains("Delivered in person."));
    assert!(body.contains("class=\"doc-text\" lang=\"en\""));
    // Source, rights, addresses, provenance, history.
    assert!(body.contains("The Soviet Union and the Korean Question: Documents"));
    assert!(body.contains("All rights reserved."));
    assert!(
        body.contains(
            "http://www.cvce.eu/obj/example-en-5118690c-57ed-4ad7-a473-188be44d8d2e.html"
        )
    );
    assert!(body.contains("Provenance"));
    assert!(body.contains(&format!("{path}/history")));
    assert!(body.contains("/collections/korean-war"));
    // Neighbours in date order: the telegram of the next day; before it, nothing visible
    // on 27 June but the treaty of 1783.
    assert!(body.contains("rel=\"next\""));
    assert!(body.contains(&doc_path("telegram")));
    assert!(body.contains(&doc_path("treaty")));
    // Related: the same correspondents (found by their surnames: the telegram names Kirk and
    // Gromyko).
    assert!(body.contains("Related documents"));
    assert!(body.contains("The same correspondents"));
    assert_no_secrets(&path, &body);
}

#[tokio::test]
async fn documents_carry_machine_readable_metadata() {
    let server = TestServer::start().await;
    let path = doc_path("aide");
    let body = page(&server, &path).await;
    let canonical = format!("{}{path}", server.base);
    assert!(body.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")));
    for tag in [
        "<meta name=\"DC.title\" content=\"United States aide-memoire (27 June 1950)\">",
        "<meta name=\"DC.date\" content=\"1950-06-27\">",
        "<meta name=\"DC.type\" content=\"Aide-mémoire\">",
        "<meta name=\"DC.language\" content=\"en\">",
        "<meta name=\"DC.creator\" content=\"Alan G. Kirk\">",
        "<meta name=\"citation_title\" content=\"United States aide-memoire (27 June 1950)\">",
        "<meta name=\"citation_date\" content=\"1950/06/27\">",
        "<meta name=\"citation_author\" content=\"Alan G. Kirk\">",
        "<meta name=\"citation_publisher\" content=\"Test Archive\">",
    ] {
        assert!(body.contains(tag), "missing {tag}");
    }
    assert!(body.contains(&format!(
        "<meta name=\"citation_public_url\" content=\"{canonical}\">"
    )));
    let start = body.find("<script type=\"application/ld+json\">").unwrap();
    let rest = &body[start + "<script type=\"application/ld+json\">".len()..];
    let json = &rest[..rest.find("</script>").unwrap()];
    let value: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(value["@context"], "https://schema.org");
    assert_eq!(value["name"], "United States aide-memoire (27 June 1950)");
    assert_eq!(value["dateCreated"], "1950-06-27");
    assert_eq!(value["author"][0]["name"], "Alan G. Kirk");
    assert_eq!(value["recipient"][0]["name"], "Andrei Gromyko");
    assert_eq!(value["url"], canonical);
}

#[tokio::test]
async fn document_pages_answer_conditional_gets() {
    let server = TestServer::start().await;
    let path = doc_path("aide");
    let response = server.get(&path).await;
    assert_eq!(response.status(), 200);
    let etag = response.headers()["etag"].to_str().unwrap().to_string();
    let modified = response.headers()["last-modified"]
        .to_str()
        .unwrap()
        .to_string();
    let again = server
        .client
        .get(server.url(&path))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
    assert!(again.text().await.unwrap().is_empty());
    let since = server
        .client
        .get(server.url(&path))
        .header("if-modified-since", &modified)
        .send()
        .await
        .unwrap();
    assert_eq!(since.status(), 304);
    let stale = server
        .client
        .get(server.url(&path))
        .header("if-none-match", "\"something-else\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), 200);
}

#[tokio::test]
async fn hidden_and_missing_documents_are_the_same_404() {
    let server = TestServer::start().await;
    for path in [
        doc_path("staff"),
        doc_path("embargoed"),
        format!("{}/history", doc_path("staff")),
        format!("{}/cite?style=bibtex", doc_path("staff")),
        format!("{}/revisions/1", doc_path("staff")),
        doc_path("no-such-document"),
        "/documents/not-a-uuid".to_string(),
        "/documents/%3Cscript%3E".to_string(),
        format!("{}/revisions/99", doc_path("aide")),
        format!("{}/revisions/x", doc_path("aide")),
        "/no/such/page".to_string(),
        "/collections/no-such-collection".to_string(),
        "/collections/%20".to_string(),
        "/timeline/1066".to_string(),
        "/timeline/1950/13".to_string(),
        "/timeline/abc".to_string(),
        "/sitemaps/2.xml".to_string(),
        "/sitemaps/x.xml".to_string(),
    ] {
        let (status, body) = get(&server, &path).await;
        assert_eq!(status, 404, "{path}");
        assert!(body.contains("Page not found"), "{path}: {body}");
        assert!(body.contains("<main id=\"main\""), "{path}");
        assert_no_secrets(&path, &body);
        assert!(!body.contains("<script>"), "{path}");
    }
    // The released document is visible.
    let body = page(&server, &doc_path("released")).await;
    assert!(body.contains("Released report"));
    // The staff-only document has 404 and the ended embargo 200: same for its history.
    page(&server, &format!("{}/history", doc_path("released"))).await;
}

#[tokio::test]
async fn the_hostile_document_is_escaped_everywhere() {
    let server = TestServer::start().await;
    let path = doc_path("hostile");
    let body = page(&server, &path).await;
    assert_no_raw_markup(&path, &body);
    assert!(
        body.contains("&#60;script&#62;alert(&#39;title&#39;)&#60;/script&#62;")
            || body.contains("&lt;script&gt;alert("),
        "{body}"
    );
    assert!(
        body.contains("&lt;img src=x onerror=alert(1)&gt;") || body.contains("&#60;img src=x"),
        "{body}"
    );
    // JSON-LD cannot be closed by the title.
    let ld = body.split("application/ld+json").nth(1).unwrap();
    let ld = &ld[..ld.find("</script>").unwrap()];
    assert!(!ld.contains("<"), "{ld}");
    for path in [
        "/".to_string(),
        "/search?q=alert".to_string(),
        "/search?q=ampersands".to_string(),
        "/search?from=1960&to=1960".to_string(),
        format!("{path}/history"),
        "/timeline".to_string(),
        "/sitemap.xml".to_string(),
        doc_path("released"),
    ] {
        let (status, body) = get(&server, &path).await;
        assert_eq!(status, 200, "{path}");
        assert_no_raw_markup(&path, &body);
    }
    let search = page(&server, "/search?q=alert").await;
    assert!(search.contains(&path));
    // The query itself is escaped when shown back.
    let echoed = page(&server, "/search?q=%3Cscript%3Ealert(2)%3C%2Fscript%3E").await;
    assert!(!echoed.contains("<script>alert(2)"));
}

#[tokio::test]
async fn the_history_shows_revisions_and_differences() {
    use chancery_store::{Store, WriteMeta};
    let server = TestServer::start().await;
    let mut doc = server.store.get(id("telegram")).unwrap().unwrap().document;
    doc.title =
        "The Ambassador in the Soviet Union (Kirk) to the Secretary of State, corrected".into();
    doc.body = chancery_model::body::paragraphs(
        "Gromyko received the aide-memoire and said he would study it.\n\nKirk",
    );
    server
        .store
        .put(
            doc,
            WriteMeta {
                actor: "editor".into(),
                reason: "corrected the transcription".into(),
            },
            None,
        )
        .unwrap();
    let path = format!("{}/history", doc_path("telegram"));
    let body = page(&server, &path).await;
    assert!(body.contains("Revision 2"));
    assert!(body.contains("Revision 1"));
    assert!(body.contains("corrected the transcription"));
    assert!(body.contains("editor"));
    assert!(body.contains("Changed fields"));
    assert!(body.contains(
        "<ins>The Ambassador in the Soviet Union (Kirk) to the Secretary of State, corrected</ins>"
    ));
    assert!(body.contains("<del>report</del>"), "{body}");
    assert!(body.contains("<ins>study</ins>"), "{body}");
    let old = format!("{}/revisions/1", doc_path("telegram"));
    assert!(body.contains(&old));
    let old_page = page(&server, &old).await;
    assert!(old_page.contains("You are reading <strong>revision 1</strong>"));
    assert!(old_page.contains("he would report it"));
    assert!(old_page.contains("name=\"robots\" content=\"noindex\""));
    let query_form = page(&server, &format!("{}?revision=1", doc_path("telegram"))).await;
    assert!(query_form.contains("he would report it"));
    let (status, _) = get(&server, &format!("{}?revision=abc", doc_path("telegram"))).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn the_timeline_goes_from_years_to_days() {
    let server = TestServer::start().await;
    let years = page(&server, "/timeline").await;
    assert!(years.contains("href=\"/timeline/1950\""));
    assert!(years.contains("href=\"/timeline/1783\""));
    assert!(years.contains("1950s"));
    assert!(
        !years.contains("/timeline/1990"),
        "the embargoed report's year shows"
    );
    assert_no_secrets("/timeline", &years);
    let year = page(&server, "/timeline/1950").await;
    assert!(year.contains("href=\"/timeline/1950/06\""));
    // Two visible documents start in June 1950 (the staff one is not counted).
    assert!(
        year.contains("2<span class=\"visually-hidden\"> documents</span>"),
        "{year}"
    );
    let month = page(&server, "/timeline/1950/06").await;
    assert!(month.contains("/search?date=1950-06-27&amp;sort=date"));
    assert!(month.contains("27 June 1950"));
    assert!(month.contains("28 June 1950"));
    assert_no_secrets("/timeline/1950/06", &month);
    let (status, _) = get(&server, "/timeline/1990").await;
    assert_eq!(status, 404, "a year of hidden documents only");
}

#[tokio::test]
async fn collections_list_and_show_their_documents() {
    let server = TestServer::start().await;
    let list = page(&server, "/collections").await;
    assert!(list.contains("Korean War"));
    assert!(list.contains("href=\"/collections/korean-war\""));
    assert_no_secrets("/collections", &list);
    let one = page(&server, "/collections/korean-war").await;
    assert!(one.contains("<h1>Korean War</h1>"));
    assert!(one.contains("A collection of 2 documents."));
    assert!(one.contains(&doc_path("aide")));
    assert!(one.contains(&doc_path("telegram")));
    assert_no_secrets("/collections/korean-war", &one);
    let filtered = page(&server, "/collections/korean-war?type=telegram").await;
    assert!(filtered.contains(&doc_path("telegram")));
    assert!(!filtered.contains(&doc_path("aide")));
    assert!(filtered.contains("href=\"/collections/korean-war\""));
}

#[tokio::test]
async fn the_sitemap_lists_public_documents_only() {
    let server = TestServer::start().await;
    let response = server.get("/sitemap.xml").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/xml")
    );
    let body = response.text().await.unwrap();
    assert!(body.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    for key in [
        "aide", "telegram", "note", "treaty", "undated", "released", "hostile",
    ] {
        assert!(
            body.contains(&format!("<loc>{}{}</loc>", server.base, doc_path(key))),
            "{key}"
        );
    }
    assert!(body.contains(&format!(
        "<loc>{}/collections/korean-war</loc>",
        server.base
    )));
    assert_no_secrets("/sitemap.xml", &body);
    let pages = page(&server, "/sitemaps/pages.xml").await;
    assert!(pages.contains(&format!("<loc>{}/timeline</loc>", server.base)));
    let first = page(&server, "/sitemaps/1.xml").await;
    assert!(first.contains(&doc_path("aide")));
    assert_no_secrets("/sitemaps/1.xml", &first);
    let robots = page(&server, "/robots.txt").await;
    assert!(robots.contains(&format!("Sitemap: {}/sitemap.xml", server.base)));
}

#[tokio::test]
async fn citations_are_shown_and_downloadable() {
    let server = TestServer::start().await;
    let path = doc_path("aide");
    let body = page(&server, &path).await;
    assert!(body.contains("Cite this"));
    for label in ["Chicago (note)", "APA", "MLA"] {
        assert!(body.contains(label), "{label}");
    }
    assert!(body.contains("data-copy-text=\""));
    for (style, media, ext) in [
        ("bibtex", "application/x-bibtex", "bib"),
        ("ris", "application/x-research-info-systems", "ris"),
        (
            "csl-json",
            "application/vnd.citationstyles.csl+json",
            "json",
        ),
        ("chicago", "text/plain; charset=utf-8", "txt"),
        ("apa", "text/plain; charset=utf-8", "txt"),
        ("mla", "text/plain; charset=utf-8", "txt"),
    ] {
        let response = server.get(&format!("{path}/cite?style={style}")).await;
        assert_eq!(response.status(), 200, "{style}");
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(content_type.starts_with(media), "{style}: {content_type}");
        let disposition = response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        assert_eq!(
            disposition,
            format!("attachment; filename=\"{}.{ext}\"", id("aide"))
        );
        let text = response.text().await.unwrap();
        assert!(
            text.to_lowercase().contains("aide-memoire"),
            "{style}: {text}"
        );
    }
    let csl: serde_json::Value =
        serde_json::from_str(&page(&server, &format!("{path}/cite?style=csl-json")).await).unwrap();
    assert!(csl.is_array());
    let (status, _) = get(&server, &format!("{path}/cite?style=harvard")).await;
    assert_eq!(status, 400);
    // The hostile document's citation downloads stay text, and its page shows them escaped.
    let hostile = page(&server, &doc_path("hostile")).await;
    assert_no_raw_markup("hostile cite", &hostile);
}

#[tokio::test]
async fn static_files_are_served_and_pages_link_them() {
    let server = TestServer::start().await;
    for (path, media) in [
        ("/static/chancery.css", "text/css"),
        ("/static/chancery.js", "text/javascript"),
        ("/static/favicon.svg", "image/svg+xml"),
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with(media)
        );
    }
    let body = page(&server, "/").await;
    assert!(body.contains("/static/chancery.css?v="));
    assert!(body.contains("/static/chancery.js?v="));
    // No inline script or style anywhere (the policy forbids them): the only script
    // element without src is JSON-LD data.
    for path in [
        "/".to_string(),
        "/search?q=Korea".to_string(),
        doc_path("aide"),
    ] {
        let body = page(&server, &path).await;
        assert!(!body.contains(" style=\""), "{path}");
        assert!(!body.contains("<style"), "{path}");
        for (i, _) in body.match_indices("<script") {
            let tag = &body[i..i + body[i..].find('>').unwrap()];
            assert!(
                tag.contains(" src=") || tag.contains("application/ld+json"),
                "{path}: {tag}"
            );
        }
    }
}
