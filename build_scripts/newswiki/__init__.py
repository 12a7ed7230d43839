"""newswiki: turn a folder of scraped news articles into a cross-linked static wiki."""

__version__ = "0.1.0"
