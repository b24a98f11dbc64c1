"""Extraction of suggested mentions and claims from raw (unannotated) Arabic and English articles.

The pipeline: an input file becomes a `RawArticle` (`raw.py`: text plus metadata, whatever the file
format or encoding was), the engine turns it into a native annotated article whose mentions and
claims carry `origin: extracted`, a `confidence` and the `rule` that produced them, and people
review those suggestions in their own annotation tool before they count as annotations.
"""
