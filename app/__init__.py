"""cardback: the FastAPI service, its storage and its command line."""
