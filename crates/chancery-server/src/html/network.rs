//! A person's correspondents drawn as SVG on the server: the person in the middle, the
//! correspondents around, each edge as thick as the letters between them, each node a link.
//! Like the histogram, the drawing has an accessible name and description, its links are left
//! out of the tab order, and the page shows the same data as a table of links.

use std::f64::consts::PI;

use super::markup::Markup;
use super::view;

/// Drawing width and height, in SVG units.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 420.0;
/// Distance of the correspondents from the middle.
const RADIUS: f64 = 150.0;
/// The most correspondents drawn (the table lists them all).
pub const MAX_NODES: usize = 12;
/// The longest name written beside a node, in characters.
const MAX_LABEL: usize = 26;

/// One correspondent and the letters exchanged.
#[derive(Debug, Clone)]
pub struct Correspondent {
    /// The name to show.
    pub name: String,
    /// Their page, or a search for their name.
    pub href: String,
    /// Documents the person sent to them.
    pub sent: u64,
    /// Documents they sent to the person.
    pub received: u64,
}

impl Correspondent {
    /// Documents between them, either way.
    pub fn total(&self) -> u64 {
        self.sent + self.received
    }
}

/// Draws `person` (linked to `href`) among the first [`MAX_NODES`] of `correspondents`
/// (which come sorted, the most frequent first). `None` when there is none.
pub fn draw(person: &str, href: &str, correspondents: &[Correspondent]) -> Option<Markup> {
    let shown = &correspondents[..correspondents.len().min(MAX_NODES)];
    if shown.is_empty() {
        return None;
    }
    let max = shown
        .iter()
        .map(Correspondent::total)
        .max()
        .unwrap_or(1)
        .max(1);
    let (cx, cy) = (WIDTH / 2.0, HEIGHT / 2.0);
    let description = format!(
        "{} and {}: {}.",
        person,
        view::count_noun(
            correspondents.len() as u64,
            "correspondent",
            "correspondents"
        ),
        shown
            .iter()
            .map(|c| format!(
                "{} ({})",
                c.name,
                view::count_noun(c.total(), "document", "documents")
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut svg = Markup::new();
    let view_box = format!("0 0 {WIDTH} {HEIGHT}");
    svg.open(
        "svg",
        &[
            ("class", "network"),
            ("viewBox", &view_box),
            ("role", "group"),
            ("aria-labelledby", "network-title"),
            ("aria-describedby", "network-desc"),
            ("focusable", "false"),
        ],
    );
    svg.push_raw("<title id=\"network-title\">");
    svg.push_text(&format!("Correspondents of {person}"));
    svg.push_raw("</title><desc id=\"network-desc\">");
    svg.push_text(&description);
    svg.push_raw("</desc>");
    let positions: Vec<(f64, f64, f64)> = (0..shown.len())
        .map(|i| {
            let angle = -PI / 2.0 + 2.0 * PI * i as f64 / shown.len() as f64;
            (
                cx + RADIUS * angle.cos(),
                cy + RADIUS * angle.sin(),
                angle.cos(),
            )
        })
        .collect();
    for (c, &(x, y, _)) in shown.iter().zip(&positions) {
        let width = 1.0 + 7.0 * c.total() as f64 / max as f64;
        svg.push_raw(&format!(
            "<line class=\"edge\" x1=\"{cx:.1}\" y1=\"{cy:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\" \
             stroke-width=\"{width:.1}\"/>"
        ));
    }
    for (c, &(x, y, cos)) in shown.iter().zip(&positions) {
        svg.open(
            "a",
            &[("href", &c.href), ("tabindex", "-1"), ("class", "node")],
        );
        svg.push_raw("<title>");
        svg.push_text(&format!(
            "{}: {}",
            c.name,
            view::count_noun(c.total(), "document", "documents")
        ));
        svg.push_raw("</title>");
        svg.push_raw(&format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"7\"/>"));
        let (anchor, dx) = if cos > 0.25 {
            ("start", 12.0)
        } else if cos < -0.25 {
            ("end", -12.0)
        } else {
            ("middle", 0.0)
        };
        let dy = if anchor == "middle" {
            if y < cy { -14.0 } else { 22.0 }
        } else {
            5.0
        };
        svg.push_raw(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">",
            x + dx,
            y + dy
        ));
        svg.push_text(&shorten(&c.name));
        svg.push_raw("</text></a>");
    }
    svg.open(
        "a",
        &[("href", href), ("tabindex", "-1"), ("class", "centre")],
    );
    svg.push_raw(&format!(
        "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"12\"/><text x=\"{cx:.1}\" y=\"{:.1}\" \
         text-anchor=\"middle\">",
        cy + 30.0
    ));
    svg.push_text(&shorten(person));
    svg.push_raw("</text></a></svg>");
    Some(svg)
}

/// A name cut to [`MAX_LABEL`] characters, with an ellipsis.
fn shorten(name: &str) -> String {
    if name.chars().count() <= MAX_LABEL {
        name.to_string()
    } else {
        let cut: String = name.chars().take(MAX_LABEL - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_link_and_names_are_escaped() {
        let people = vec![
            Correspondent {
                name: "Andrei <Gromyko>".into(),
                href: "/people/gromyko-andrei".into(),
                sent: 2,
                received: 1,
            },
            Correspondent {
                name: "Dean Acheson".into(),
                href: "/search?q=%22Dean+Acheson%22".into(),
                sent: 0,
                received: 1,
            },
        ];
        let svg = draw("Alan G. Kirk", "/people/kirk", &people)
            .unwrap()
            .into_string();
        assert!(svg.contains("href=\"/people/gromyko-andrei\""), "{svg}");
        assert!(svg.contains("Andrei &lt;Gromyko&gt;"), "{svg}");
        assert!(!svg.contains("<Gromyko>"), "{svg}");
        assert_eq!(svg.matches("class=\"edge\"").count(), 2);
        assert!(svg.contains("stroke-width=\"8.0\""), "{svg}");
        assert!(draw("x", "/", &[]).is_none());
    }
}
