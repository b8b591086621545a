//! Writes `ui/src/bindings.ts` from the Rust types (what `cargo xtask bindings` runs).

fn main() -> std::io::Result<()> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(taizhang_desktop::bindings::BINDINGS_PATH);
    std::fs::write(&path, taizhang_desktop::bindings::typescript())?;
    println!("已生成 {}", path.display());
    Ok(())
}
