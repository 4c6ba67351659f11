"""What a translator fills in: the English of every string an overlay is missing, in the
overlay's own shape, ready to be translated in place and added to `questions.<lang>.yaml`.

    python -m assessment.i18n.skeleton fr > missing.fr.yaml
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from assessment.core import yamlfile
from assessment.i18n import overlay as overlays


def missing(bank_path: Path, lang: str) -> dict[str, Any]:
    """The untranslated English strings, nested as the overlay nests them."""
    english = yamlfile.load(bank_path.read_text(encoding="utf-8"))
    path = overlays.overlay_path(bank_path, lang)
    have = overlays.read_overlay(path, lang).words if path.exists() else {}
    tree: dict[str, Any] = {}
    for key, place in overlays.strings(english).items():
        if key in have:
            continue
        node = tree
        for part, after in zip(key, key[1:], strict=False):
            node = node.setdefault(part, [] if isinstance(after, int) else {})
        text = " ".join(str(place.holder[place.slot]).split())
        if isinstance(node, list):
            node.append(text)
        else:
            node[key[-1]] = text
    return tree


def main(argv: list[str]) -> int:
    from assessment.paths import default_bank_path

    lang = argv[0]
    bank = Path(argv[1]) if len(argv) > 1 else default_bank_path()
    tree = missing(bank, lang)
    if tree:
        sys.stdout.write(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=96))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
