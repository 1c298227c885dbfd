//! Machine-readable metadata of a document page: schema.org JSON-LD, Dublin Core
//! `<meta name="DC.…">` and Highwire `citation_…` tags (what Zotero and scholarly search
//! engines read).

use chancery_model::Document;
use chancery_model::date::days;
use serde_json::{Map, Value, json};

use super::markup::Markup;

/// One `<meta name content>` tag.
#[derive(Debug, Clone)]
pub struct MetaTag {
    /// Its name.
    pub name: &'static str,
    /// Its content (escaped by the template).
    pub content: String,
}

/// The site a document is shown on.
pub struct Site<'a> {
    /// The archive's name.
    pub name: &'a str,
    /// Its public address.
    pub base_url: &'a str,
    /// The document page's canonical address.
    pub page_url: &'a str,
}

/// Dublin Core and Highwire tags for `doc`.
pub fn tags(doc: &Document, site: &Site<'_>) -> Vec<MetaTag> {
    let mut out = Vec::new();
    let mut tag = |name: &'static str, content: &str| {
        let content = content.trim();
        if !content.is_empty() {
            out.push(MetaTag {
                name,
                content: content.to_string(),
            });
        }
    };
    // Dublin Core.
    tag("DC.title", &doc.title);
    if let Some(date) = &doc.date {
        tag("DC.date", date.edtf());
    }
    if let Some(t) = doc.doc_type {
        tag("DC.type", t.label());
    }
    if let Some(lang) = &doc.language {
        tag("DC.language", lang);
    }
    for sender in &doc.senders {
        tag("DC.creator", &sender.name);
    }
    if let Some(caption) = &doc.caption {
        tag("DC.description", caption);
    }
    if let Some(source) = doc.source.as_ref().and_then(|s| s.text.as_deref()) {
        tag("DC.source", source);
    }
    if let Some(statement) = &doc.rights.statement {
        tag("DC.rights", statement);
    }
    if let Some(place) = &doc.place {
        tag("DC.coverage", place);
    }
    for subject in &doc.subjects {
        tag("DC.subject", subject);
    }
    tag("DC.identifier", site.page_url);
    tag("DC.publisher", site.name);
    tag("DC.format", "text/html");

    // Highwire Press tags.
    tag("citation_title", &doc.title);
    for sender in &doc.senders {
        tag("citation_author", &sender.name);
    }
    if let Some(date) = doc.date.as_ref().and_then(highwire_date) {
        tag("citation_date", &date);
        tag("citation_publication_date", &date);
    }
    tag("citation_publisher", site.name);
    if let Some(lang) = &doc.language {
        tag("citation_language", lang);
    }
    if let Some(caption) = &doc.caption {
        tag("citation_abstract", caption);
    }
    if !doc.subjects.is_empty() {
        tag("citation_keywords", &doc.subjects.join("; "));
    }
    tag("citation_public_url", site.page_url);
    tag("citation_abstract_html_url", site.page_url);
    out
}

/// `YYYY/MM/DD` (or `YYYY/MM`, `YYYY`) as far as the date is certain to that precision.
pub fn highwire_date(date: &chancery_model::DocDate) -> Option<String> {
    let (earliest, latest) = (date.earliest()?, date.latest()?);
    let (y1, m1, d1) = days::to_civil(earliest);
    let (y2, m2, _) = days::to_civil(latest);
    if y1 <= 0 {
        return None;
    }
    Some(if earliest == latest {
        format!("{y1:04}/{m1:02}/{d1:02}")
    } else if y1 == y2 && m1 == m2 {
        format!("{y1:04}/{m1:02}")
    } else {
        format!("{y1:04}")
    })
}

/// An ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) as precise as the date is known.
fn iso_date(date: &chancery_model::DocDate) -> Option<String> {
    highwire_date(date).map(|d| d.replace('/', "-"))
}

/// The schema.org description as JSON-LD, ready to sit inside
/// `<script type="application/ld+json">`: `<`, `>` and `&` are written as JSON escapes, so
/// no text of the document can close the script element.
pub fn json_ld(doc: &Document, site: &Site<'_>) -> Markup {
    let mut object = Map::new();
    object.insert("@context".into(), json!("https://schema.org"));
    let correspondence = !doc.recipients.is_empty();
    object.insert(
        "@type".into(),
        if correspondence {
            json!(["ArchiveComponent", "Message"])
        } else {
            json!("ArchiveComponent")
        },
    );
    object.insert("@id".into(), json!(site.page_url));
    object.insert("url".into(), json!(site.page_url));
    object.insert("identifier".into(), json!(doc.id.to_string()));
    object.insert("name".into(), json!(doc.title));
    object.insert("headline".into(), json!(doc.title));
    if let Some(t) = doc.doc_type {
        object.insert("genre".into(), json!(t.label()));
    }
    if let Some(date) = &doc.date {
        object.insert("temporalCoverage".into(), json!(date.edtf()));
        if let Some(iso) = iso_date(date) {
            object.insert("dateCreated".into(), json!(iso));
            if correspondence {
                object.insert("dateSent".into(), json!(iso));
            }
        }
    }
    if let Some(lang) = &doc.language {
        object.insert("inLanguage".into(), json!(lang));
    }
    if let Some(caption) = &doc.caption {
        object.insert("description".into(), json!(caption));
    }
    let person = |name: &str| json!({"@type": "Person", "name": name});
    if !doc.senders.is_empty() {
        let people: Vec<Value> = doc.senders.iter().map(|a| person(&a.name)).collect();
        object.insert("author".into(), Value::Array(people.clone()));
        if correspondence {
            object.insert("sender".into(), Value::Array(people));
        }
    }
    if correspondence {
        let people: Vec<Value> = doc.recipients.iter().map(|a| person(&a.name)).collect();
        object.insert("recipient".into(), Value::Array(people));
    }
    if let Some(place) = &doc.place {
        object.insert(
            "locationCreated".into(),
            json!({"@type": "Place", "name": place}),
        );
    }
    if let Some(source) = &doc.source {
        let mut work = Map::new();
        work.insert("@type".into(), json!("CreativeWork"));
        if let Some(title) = source.title.as_ref().or(source.text.as_ref()) {
            work.insert("name".into(), json!(title));
        }
        if let Some(publisher) = &source.publisher {
            work.insert(
                "publisher".into(),
                json!({"@type": "Organization", "name": publisher}),
            );
        }
        if let Some(year) = source.year {
            work.insert("datePublished".into(), json!(year.to_string()));
        }
        if let Some(text) = &source.text {
            work.insert("description".into(), json!(text));
        }
        object.insert("isBasedOn".into(), Value::Object(work));
    }
    if let Some(uri) = &doc.rights.uri {
        object.insert("license".into(), json!(uri));
    }
    if let Some(statement) = &doc.rights.statement {
        object.insert("copyrightNotice".into(), json!(statement));
    }
    if let Some(url) = &doc.url {
        object.insert("sameAs".into(), json!(url));
    }
    if !doc.subjects.is_empty() {
        object.insert("keywords".into(), json!(doc.subjects));
    }
    if let Some(updated) = doc.updated {
        object.insert("dateModified".into(), json!(updated.to_string()));
    }
    object.insert(
        "holdingArchive".into(),
        json!({"@type": "ArchiveOrganization", "name": site.name, "url": format!("{}/", site.base_url)}),
    );
    let text = serde_json::to_string_pretty(&Value::Object(object)).unwrap_or_else(|_| "{}".into());
    Markup::trusted(script_safe(&text))
}

/// JSON made safe inside a script element: `<`, `>` and `&` as `\u` escapes (valid JSON,
/// the same data).
pub fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chancery_model::{DocDate, DocumentId};

    #[test]
    fn json_ld_cannot_close_its_script() {
        let mut doc = Document::new(
            DocumentId::from_key("x"),
            "</script><script>alert(1)</script>",
            "t",
        );
        doc.date = Some(DocDate::parse_edtf("1950-06").unwrap());
        let site = Site {
            name: "A & B",
            base_url: "http://x",
            page_url: "http://x/documents/1",
        };
        let ld = json_ld(&doc, &site).into_string();
        assert!(!ld.contains('<'), "{ld}");
        let value: Value = serde_json::from_str(&ld).unwrap();
        assert_eq!(value["name"], "</script><script>alert(1)</script>");
        assert_eq!(value["dateCreated"], "1950-06");
        let tags = tags(&doc, &site);
        assert!(
            tags.iter()
                .any(|t| t.name == "citation_date" && t.content == "1950/06")
        );
    }
}
