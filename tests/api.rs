//! The embedding API's promises that the compiler can check: what the crate docs say about
//! threads (Send/Sync), and that everything an embedder needs is named through `hearth`.

fn send_sync<T: Send + Sync>() {}
fn send<T: Send>() {}

#[test]
fn the_thread_safety_the_crate_docs_state_holds() {
    send_sync::<hearth::Policy>();
    send_sync::<hearth::Validator<'static>>();
    send_sync::<hearth::Catalog>();
    send_sync::<hearth::CaseFile>();
    send_sync::<hearth::Caseload>();
    send_sync::<hearth::Input>();
    send_sync::<hearth::Report>();
    send_sync::<hearth::batch::CheckReport>();
    send_sync::<hearth::batch::DocumentResult>();
    send_sync::<hearth::input::Limits>();
    send::<hearth::render::TextSink>();
    send::<hearth::render::JsonSink>();
    send::<hearth::render::SarifSink>();
    send::<hearth::render::JunitSink>();
    send::<hearth::render::GithubSink>();
    send::<hearth::input::SourceDocument>();
}

#[test]
fn one_policy_checks_on_many_threads_with_the_same_result() {
    let json = include_str!("../examples/data/cases/stl-coc.json");
    let case = hearth::parse_case_file(json).unwrap();
    let policy = hearth::Policy::builtin("stl-coc").unwrap();
    let as_of: hearth::NaiveDate = "2026-01-19".parse().unwrap();
    let alone = hearth::validate(&case, &policy, as_of);
    assert!(!alone.findings.is_empty());
    let validator = hearth::Validator::new(&policy);
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| validator.validate(&case, as_of)))
            .collect();
        for run in runs {
            assert_eq!(run.join().unwrap(), alone);
        }
    });
}

#[test]
fn every_format_renders_through_the_facade_alone() {
    use hearth::batch::{CheckReport, Document};
    use hearth::render::{GithubSink, JsonSink, JunitSink, SarifSink, Sink, TextOptions, TextSink};

    let policy = hearth::Policy::builtin("stl-coc").unwrap();
    let text = include_str!("../examples/data/cases/stl-coc.json");
    let as_of: hearth::NaiveDate = "2026-01-19".parse().unwrap();
    let report = CheckReport::new(
        as_of,
        vec![Document::new("cases/stl-coc.json", text).check(&policy, as_of)],
    );
    let sinks: Vec<Box<dyn Sink>> = vec![
        Box::new(TextSink::new(TextOptions::default())),
        Box::new(JsonSink::default()),
        Box::new(SarifSink::default()),
        Box::new(JunitSink::default()),
        Box::new(GithubSink),
    ];
    for mut sink in sinks {
        let mut out = Vec::new();
        hearth::render::feed(sink.as_mut(), &report, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("PLAN005"), "{out}");
    }
}
