"""A pipeline component that misbehaves on purpose, imported by the document process as a plug-in.

A document whose text contains KIEBITZ-RAISE raises, KIEBITZ-HANG never returns, KIEBITZ-CRASH
kills its process: the batch must record each as an error and go on.
"""

from __future__ import annotations

import os

from kiebitz.model import Article
from kiebitz.pipeline import component


@component("scale_test_trouble")
def trouble(article: Article) -> Article:
    if "KIEBITZ-RAISE" in article.text:
        raise ValueError("this document breaks the component")
    if "KIEBITZ-HANG" in article.text:
        while True:  # a hang in pure computation: only killing the process ends it
            pass
    if "KIEBITZ-CRASH" in article.text:
        os._exit(7)
    return article
