"""How far the Node SDK's required flags agree with KuCoin's spec files, parameter by parameter.

Not a timing: `make run` without the spec files takes its required flags from the
Node SDK, so this says how much a newcomer's pages differ from a spec-fed catalogue.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from pathlib import Path

from common import PROJECT_DIR, row

sys.path.insert(0, str(PROJECT_DIR))

from endpoints.sources.kucoin_sdk import read_sdk
from endpoints.sources.merge import overlay_spec
from endpoints.sources.node_sdk import read_node_sdk
from endpoints.sources.records import Catalogue, SourceError
from endpoints.sources.required_flags import overlay_node_required

SPEC_DIR = Path(os.environ.get("KUCOIN_SPEC_DIR") or PROJECT_DIR.parent / "shared" / "kucoin-spec")


def required_flags(catalogue: Catalogue, keys: set) -> dict:
    """{(endpoint key, location, name): required} for the endpoints in `keys`."""
    return {
        (record.key, param.location, param.name): param.required
        for record in catalogue.endpoints
        if record.key in keys
        for param in record.parameters
    }


def agreement(node_flags: dict, spec_flags: dict) -> tuple[Counter, list]:
    tally, disagreements = Counter(), []
    for where, spec_required in spec_flags.items():
        node_required = node_flags[where]
        tally["agree" if node_required == spec_required else "disagree"] += 1
        verdict = "agree" if node_required == spec_required else "disagree"
        tally[f"{where[1]} parameters: {verdict}"] += 1
        tally[
            f"spec {'required' if spec_required else 'optional'}, node {'required' if node_required else 'optional'}"
        ] += 1
        if node_required != spec_required:
            disagreements.append(where)
    return tally, disagreements


def main() -> None:
    if not (SPEC_DIR / "rest" / "api").is_dir():
        print(f"  KuCoin's spec files are not at {SPEC_DIR}: nothing to compare against; no figures.")
        return
    try:
        node = read_node_sdk()
    except SourceError as error:
        print(f"  {error}\n  No figures.")
        return
    from endpoints.sources.openapi import read_openapi

    sdk = read_sdk()
    spec = read_openapi(SPEC_DIR)
    spec_keys = {record.key for record in spec.endpoints}
    node_flags = required_flags(overlay_node_required(sdk, node).catalogue, spec_keys)
    spec_flags = required_flags(overlay_spec(sdk, spec), spec_keys)
    tally, disagreements = agreement(node_flags, spec_flags)
    total = tally["agree"] + tally["disagree"]
    print(f"Required flags: {node.source} against the spec files ({len(spec_keys)} spec endpoints)")
    row("request parameters compared", str(total))
    row("agree", f"{tally['agree']} ({tally['agree'] / total:.1%})")
    row("disagree", str(tally["disagree"]))
    for kind in sorted(k for k in tally if k.startswith("spec ") or " parameters: " in k):
        row(kind, str(tally[kind]))
    for key, location, name in disagreements[:15]:
        print(f"    {key[1]} {key[2]} ({key[0]}) {location} {name}: spec {spec_flags[(key, location, name)]}")


if __name__ == "__main__":
    main()
