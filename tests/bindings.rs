//! The TypeScript types the UI uses are generated from the Rust types; this fails when the
//! committed `ui/src/bindings/types.ts` is stale.

use std::path::PathBuf;

use soan_bao_cao::bindings::{typescript, BINDINGS_PATH};

#[test]
fn committed_typescript_bindings_are_fresh() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH);
    let fresh = typescript();
    if std::env::var_os("BAOCAO_UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, &fresh).expect("write bindings");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{BINDINGS_PATH} is stale: run `BAOCAO_UPDATE_BINDINGS=1 cargo test -p soan-bao-cao --test bindings` and commit it"
    );
    assert!(fresh.contains("export type Report = {"));
    assert!(fresh.contains("export const PARTY_AUTO = \"dang\";"));
}
