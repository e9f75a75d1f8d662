//! Layout of acts (orders, instructions, laws): a 6-space indent opens a block.

use super::{Block, Line};

/// Assembles lines into blocks. (First version: blocks open at a 6-space indent or after a
/// blank line.)
pub fn blocks(lines: &[Line]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut after_blank = false;
    for line in lines {
        if line.is_blank() {
            after_blank = true;
            continue;
        }
        let indent = line.indent();
        let text = super::text::collapse_spaces(&line.text);
        match out.last_mut() {
            Some(block) if indent < 6 && !after_blank => {
                block.text.push(' ');
                block.text.push_str(&text);
                block.lines[1] = line.raw[1];
            }
            _ => out.push(Block {
                text,
                lines: line.raw,
                indent,
                after_blank,
                repairs: Vec::new(),
            }),
        }
        after_blank = false;
    }
    out
}
