//! What the integration tests share: the CVCE seed record written out as a fixture, and
//! the checks the Done-when asks of it.

use chancery_enrich::Enrichment;
use chancery_model::{Block, Document, DocumentId, Mention, MentionKind};

const CAPTION: &str = "On 27 June 1950, the US Ambassador Alan G. Kirk presents Soviet Foreign \
    Minister Andrei Gromyko with an aide-memoire calling on Moscow not to intervene in the \
    conflict between North Korea and South Korea and to use its influence to bring the \
    hostilities to an end.";

const TEXT: &str = "“My Government has instructed me to call your attention to the fact that \
    North Korean forces have crossed the 38th parallel and invaded the territory of the \
    Republic of Korea in force at several points. The refusal of the Soviet representative to \
    attend the United Nations Security Council meeting on June 25, despite the clear threat to \
    peace and the obligations of a member of the Security Council under the Charter, requires \
    the Government of the United States to bring this matter directly to the attention of the \
    Government of the Union of Soviet Socialist Republics. In view of the universally known \
    fact of the close relations between the Union of Soviet Socialist Republics and the North \
    Korean régime, the United States Government asks an assurance that the Union of Soviet \
    Socialist Republics disavows responsibility for this unprovoked and unwarranted attack, \
    and that it will use its influence with the North Korean authorities to withdraw their \
    invading forces immediately.”";

/// The seed record as the CVCE reader gives it: title, caption, heading and text (the
/// reader also sets the date; here enrichment finds it).
pub fn seed() -> Document {
    let mut doc = Document::new(
        DocumentId::from_key("cvce-seed"),
        "United States aide-memoire (27 June 1950)",
        "",
    );
    doc.caption = Some(CAPTION.into());
    doc.body = vec![
        Block::heading(1, "U.S. “aide-memoire” of June 27, 1950"),
        Block::paragraph(TEXT),
    ];
    doc
}

fn linked(mentions: &[Mention]) -> Vec<(String, MentionKind, String)> {
    mentions
        .iter()
        .filter_map(|m| Some((m.text.clone(), m.kind, m.entity_id.clone()?)))
        .collect()
}

fn has(found: &[(String, MentionKind, String)], text: &str, kind: MentionKind, id: &str) -> bool {
    found
        .iter()
        .any(|(t, k, e)| t == text && *k == kind && e == id)
}

/// The Done-when for the CVCE record: sender Kirk linked to POCOM, recipient
/// Gromyko, the states, the Security Council, the 38th parallel, and the dates with "June
/// 25" completed from the document's year.
pub fn check_seed(e: &Enrichment) {
    assert_eq!(e.date.as_ref().map(|d| d.date.edtf()), Some("1950-06-27"));
    assert_eq!(e.senders.len(), 1, "{:?}", e.senders);
    assert_eq!(e.senders[0].name, "Alan G. Kirk");
    assert_eq!(e.senders[0].id.as_deref(), Some("kirk-alan-goodrich"));
    assert_eq!(e.recipients.len(), 1, "{:?}", e.recipients);
    assert_eq!(e.recipients[0].name, "Andrei Gromyko");
    assert_eq!(e.recipients[0].id.as_deref(), Some("gromyko-andrei"));

    let text = linked(&e.mentions);
    assert!(
        has(
            &text,
            "Union of Soviet Socialist Republics",
            MentionKind::Place,
            "place:soviet-union"
        ),
        "{text:#?}"
    );
    assert!(has(
        &text,
        "Republic of Korea",
        MentionKind::Place,
        "place:south-korea"
    ));
    assert!(has(
        &text,
        "United Nations Security Council",
        MentionKind::Organization,
        "org:un-security-council"
    ));
    assert!(has(
        &text,
        "Security Council",
        MentionKind::Organization,
        "org:un-security-council"
    ));
    assert!(has(
        &text,
        "38th parallel",
        MentionKind::Place,
        "place:parallel-38"
    ));
    assert!(has(
        &text,
        "United States",
        MentionKind::Place,
        "place:united-states"
    ));
    let dates: Vec<(&str, &str)> = e
        .mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Date)
        .map(|m| (m.text.as_str(), m.normalized.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        dates,
        [("June 27, 1950", "1950-06-27"), ("June 25", "1950-06-25")]
    );

    // North Korea is named in the caption; the text speaks only of "North Korean" forces.
    let caption = linked(&e.caption_mentions);
    assert!(
        has(
            &caption,
            "North Korea",
            MentionKind::Place,
            "place:north-korea"
        ),
        "{caption:#?}"
    );
    assert!(has(
        &caption,
        "South Korea",
        MentionKind::Place,
        "place:south-korea"
    ));
    assert!(has(
        &caption,
        "Alan G. Kirk",
        MentionKind::Person,
        "kirk-alan-goodrich"
    ));
    assert!(has(
        &caption,
        "Andrei Gromyko",
        MentionKind::Person,
        "gromyko-andrei"
    ));
    assert!(has(&caption, "Moscow", MentionKind::Place, "place:moscow"));
    let title = linked(&e.title_mentions);
    assert!(has(
        &title,
        "United States",
        MentionKind::Place,
        "place:united-states"
    ));

    // Offsets point into the text.
    let full = seed().text();
    for m in &e.mentions {
        assert_eq!(&full[m.start as usize..m.end as usize], m.text);
    }
}
