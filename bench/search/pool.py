#!/usr/bin/env python3
"""Writes the candidate pools a second assessor judges the search relevance set from
(tests/fixtures/search/relevance-second.yaml, brief: tests/fixtures/search/second-assessor.md).

Usage (from the repository root):
    zanbook graph --format json > graph.json
    cargo run --release --example search_relevance > rankings.json
    python3 bench/search/pool.py graph.json rankings.json OUT_DIR [PARTS]

A query's pool is its first-judgment relevant passages plus the zanbook engine's and the
baseline's first 10, in id order (which says nothing of where a candidate came from), each
with its document, headings, the text a list item stands under, and its full text. The
queries are split into PARTS files (default 3), OUT_DIR/pool-1.md …, one per assessor run.
"""
import json
import os
import sys

import yaml

DEPTH = 10


def headings(nodes, node):
    out, parent = [], node.get("parent")
    while parent and parent in nodes:
        if nodes[parent].get("heading"):
            out.append(nodes[parent]["heading"])
        parent = nodes[parent].get("parent")
    return " › ".join(reversed(out))


def render(nodes, units, documents, pid):
    if pid in units:
        u = units[pid]
        return (f"### {pid}\n  a statute unit: {u['title']} ({u.get('unit')}); its page quotes "
                "nothing of the statute, it lists the corpus passages that cite it\n")
    if pid not in nodes:
        return f"### {pid}\n  (unknown id)\n"
    n = nodes[pid]
    text = n["text"] if len(n["text"]) <= 2500 else n["text"][:2500] + " […]"
    parent = nodes.get(n.get("parent") or "", {})
    lead = ""
    if n["kind"] in ("item", "subpoint") and parent.get("text"):
        lead = "\n  (the text it is listed under: " + parent["text"][:400] + ")"
    own = "\n  own heading: " + n["heading"] if n.get("heading") else ""
    return (f"### {pid}\n  document: {documents.get(n['document'], n['document'])}\n"
            f"  under: {headings(nodes, n)}{own}\n  kind: {n['kind']}{lead}\n  text: {text}\n")


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    graph = json.load(open(sys.argv[1]))
    rankings = json.load(open(sys.argv[2]))
    out_dir, parts = sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 3
    nodes = {n["id"]: n for n in graph["nodes"]}
    units = {u["id"]: u for u in graph["statute_articles"]}
    documents = {d["id"]: d["title"] for d in graph["documents"]}
    queries = rankings["queries"]
    os.makedirs(out_dir, exist_ok=True)
    files = [[] for _ in range(parts)]
    for k, q in enumerate(queries):
        pool = sorted(set(q["relevant"]) | set(q["zanbook"][:DEPTH]) | set(q["baseline"][:DEPTH]))
        block = f"\n## Query {k + 1}: `{q['query']}`\nkind: {q['kind']}\n"
        if q.get("note"):
            block += f"author's note on intent: {q['note']}\n"
        block += f"candidates: {len(pool)}\n\n"
        block += "\n".join(render(nodes, units, documents, pid) for pid in pool)
        files[k * parts // len(queries)].append(block)
    for j, blocks in enumerate(files):
        with open(f"{out_dir}/pool-{j + 1}.md", "w") as f:
            f.write("".join(blocks))


if __name__ == "__main__":
    main()
