"""Start-up work done in a background thread while the main thread imports the pipeline.

``triangulate analyze`` spends its first second importing the pipeline (Python byte code,
holding the interpreter lock) and, once the first article is cleaned, loading py3langid's
model (mostly LZMA decompression, which releases the lock) and the embedding model
(SHA-256 of the weights and reading them, which release it too). ``start`` runs those two
loads in a thread begun before the imports, so on a machine with a second core they
overlap (docs/benchmarks.md, Analyze). Both loads are shared and locked
(``text._identifier``, ``embed.shared_model``): the main thread takes what the thread
loaded, or waits for a load under way, and never loads twice. A failure here is left to
the main thread, which loads again and reports it as usual.

    warm = warmup.start()
    ...  # imports, ingest
    warm.join()
"""

from __future__ import annotations

import threading


def start() -> threading.Thread:
    """The warm-up thread, started."""
    thread = threading.Thread(target=_warm, name="triangulate-warmup", daemon=True)
    thread.start()
    return thread


def _warm() -> None:
    try:
        from triangulate.text import _identifier

        _identifier()
        from triangulate.embed import preload

        preload()
    except Exception:  # the main thread loads again and reports the error
        return
