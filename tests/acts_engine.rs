//! The act engine as a library: checking and the values rules compute, without typesetting.

use std::path::Path;
use zanbook::act::Engine;

fn engine() -> Engine {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Engine::load(&root.join("templates/acts"), Some(&root.join("corpus"))).expect("templates load")
}

fn example(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/acts/{name}.yaml"));
    std::fs::read_to_string(path).expect("example")
}

#[test]
fn every_example_checks_clean() {
    let engine = engine();
    for schema in engine.schemas() {
        let outcome = engine.check(&example(&schema.name));
        assert!(
            outcome.checked.diagnostics.is_empty(),
            "{}: {:?}",
            schema.name,
            outcome.checked.diagnostics
        );
    }
}

#[test]
fn terms_run_from_delivery_when_given() {
    let engine = engine();
    let source = example("protest").replace(
        "date: 2024-03-15\n",
        "date: 2024-03-15\ndelivered: 2024-03-18\n",
    );
    let outcome = engine.check(&source);
    assert!(!outcome.has_errors(), "{:?}", outcome.checked.diagnostics);
    // 18 March + 10 calendar days = 28 March (a Thursday).
    assert_eq!(outcome.checked.computed["due"]["iso"], "2024-03-28");
    assert_eq!(
        outcome.checked.computed["due"]["kk_dat"],
        "2024 жылғы 28 наурызға"
    );
    let early = example("protest").replace(
        "date: 2024-03-15\n",
        "date: 2024-03-15\ndelivered: 2024-03-01\n",
    );
    let outcome = engine.check(&early);
    assert!(outcome
        .checked
        .diagnostics
        .iter()
        .any(|d| d.code == "date-order"));
}

#[test]
fn a_custom_protest_term_of_three_working_days_is_accepted() {
    let engine = engine();
    // Friday 15 March 2024 + 3 working days: 18, 19, 20 March.
    let source = format!("{}term: {{ days: 3, unit: working }}\n", example("protest"));
    let outcome = engine.check(&source);
    assert!(!outcome.has_errors(), "{:?}", outcome.checked.diagnostics);
    assert_eq!(outcome.checked.computed["due"]["iso"], "2024-03-20");
    // Five calendar days end on Wednesday 20 March too: as long as the minimum, so allowed.
    let source = format!(
        "{}term: {{ days: 5, unit: calendar }}\n",
        example("protest")
    );
    assert!(!engine.check(&source).has_errors());
}

#[test]
fn an_urgent_representation_may_have_a_shorter_term() {
    let engine = engine();
    let source = format!(
        "{}term: {{ days: 5, unit: working }}\nurgent_reason: адам өміріне қауіп\n",
        example("representation")
    );
    let outcome = engine.check(&source);
    assert!(!outcome.has_errors(), "{:?}", outcome.checked.diagnostics);
}

#[test]
fn resolved_citations_are_printed_in_kazakh() {
    let engine = engine();
    let outcome = engine.check(&example("protest"));
    let basis = outcome.checked.computed["legal_basis"]
        .as_array()
        .expect("computed basis");
    assert_eq!(
        basis[0],
        "«Прокуратура туралы» Қазақстан Республикасының Конституциялық заңы, 33-бап, 1-тармақ"
    );
}

#[test]
fn every_schema_has_a_json_schema_with_labels() {
    let engine = engine();
    for schema in engine.schemas() {
        let json = schema.json_schema();
        assert_eq!(json["properties"]["type"]["const"], schema.name.as_str());
        assert!(
            json["properties"]["signatory"]["title"].is_string(),
            "{}",
            schema.name
        );
    }
}
