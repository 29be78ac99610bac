"""Diplomatic Timeline: Arabic news pages in, dated diplomatic events out."""
