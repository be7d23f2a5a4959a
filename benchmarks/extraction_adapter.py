"""newscrawl's extractor for the shared scorer, which imports extractors by file path:

    python ../shared/tools/eval_extraction.py \
        --extractor benchmarks/extraction_adapter.py:extract_text
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newscrawl.extraction import extract_text

__all__ = ["extract_text"]
