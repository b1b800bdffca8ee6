"""The share link's query: a shop's answers as the page puts them in its address."""
from __future__ import annotations

from urllib.parse import urlencode


def share_query(profile: dict, spec: dict) -> str:
    """The share-link query of a normalized profile: sorted keys, defaults left out.

    The interactive page encodes answers the same way (docs/assets/checklist-core.js).
    """
    pairs = []
    for field in spec["fields"]:
        key, kind, value = field["key"], field["type"], profile.get(field["key"])
        if kind == "order_counts":  # a count only a file can give (`from_file`) is never in a link
            from_file = {s["key"] for s in spec.get("states", []) if s.get("from_file")}
            pairs += [(f"{key}.{state}", str(n)) for state, n in value.items() if n and state not in from_file]
        elif kind == "boolean":
            if value:
                pairs.append((key, "1"))
        elif kind != "order_list" and value not in (None, ""):
            pairs.append((key, str(value)))
    return urlencode(sorted(pairs))
