import json
from pathlib import Path

import pytest

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
SEED = CORPORA / "zhaoqing-2012-plan.txt"


def gold_docs():
    """(name, text path, gold) for every annotated document in corpora/."""
    from zqdoc.evaluate import gold_files

    return [(txt.stem, txt, json.loads(g.read_text(encoding="utf-8"))) for g, txt in gold_files(CORPORA)]


@pytest.fixture(scope="session")
def seed_doc():
    import zqdoc

    return zqdoc.parse(SEED)


@pytest.fixture(scope="session")
def seed_gold():
    return json.loads((CORPORA / "zhaoqing-2012-plan.gold.json").read_text(encoding="utf-8"))
