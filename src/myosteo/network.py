"""The crosstalk network as data: the edge table (CSV) and a figure.

``myosteo network -o DIR`` writes ``DIR/edges.csv`` (one row per edge of the composed model:
source, target process, sign, functional form, evidence level, contested flag, citation, the
rule implementing it, its parameters with values) and ``DIR/network.png``.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from myosteo.model.compose import Model
from myosteo.model.library import standard_model

#: modules whose edges form the muscle-bone-immune crosstalk (the rest are drug and bone internals)
CROSSTALK_MODULES = ("crosstalk", "immune", "endocrine", "muscle", "aging_estrogen", "sclerostin", "bmd")


def edge_table(model: Model | None = None) -> pd.DataFrame:
    model = model or standard_model()
    pm = model.parameter_map
    rows = []
    for e in model.edges:
        rows.append({
            "module": e.module, "source": e.source, "target": e.target, "sign": "+" if e.sign > 0 else "-",
            "form": e.form, "evidence": e.evidence, "contested": bool(e.contested), "citation": e.citation,
            "rule": e.rule,
            "parameters": "; ".join(f"{p}={pm[p].value:.4g}" for p in e.parameters if p in pm),
        })
    return pd.DataFrame(rows)


def plot_network(table: pd.DataFrame, path: Path, modules=CROSSTALK_MODULES) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = table[table["module"].isin(modules)]
    nodes = list(dict.fromkeys(list(t["source"]) + list(t["target"])))
    n = len(nodes)
    pos = {name: (math.cos(2 * math.pi * i / n), math.sin(2 * math.pi * i / n)) for i, name in enumerate(nodes)}
    fig, ax = plt.subplots(figsize=(16, 16))
    for r in t.itertuples():
        (x0, y0), (x1, y1) = pos[r.source], pos[r.target]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops=dict(arrowstyle="-|>" if r.sign == "+" else "-[", lw=0.8, alpha=0.6,
                                    color="tab:green" if r.sign == "+" else "tab:red",
                                    linestyle="--" if r.contested else "-",
                                    connectionstyle="arc3,rad=0.15"))
    for name, (x, y) in pos.items():
        ax.text(x * 1.08, y * 1.08, name, fontsize=7, ha="left" if x > 0 else "right", va="center",
                rotation=math.degrees(math.atan2(y, x)) if x > 0 else math.degrees(math.atan2(y, x)) + 180,
                rotation_mode="anchor")
        ax.plot(x, y, "o", color="0.3", ms=3)
    ax.set_xlim(-1.7, 1.7)
    ax.set_ylim(-1.7, 1.7)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"myosteo crosstalk network: {len(t)} edges (green +, red -, dashed: contested, off by default)")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_network(out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    table = edge_table()
    csv = out / "edges.csv"
    table.to_csv(csv, index=False)
    return csv, plot_network(table, out / "network.png")
