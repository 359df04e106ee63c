"""Archive documents (PDF/A-2b with Noark 5-inspired XML metadata) and their delivery to the archive."""
